#pragma once
// Reads a metrics.jsonl that may still be growing, incrementally: it remembers the byte
// offset after the last complete line and leaves an unfinished last line for the next
// call. A file that shrank or was replaced is read again from the start. Not a QObject;
// used on the GUI thread by RunFollower, whose reads are small and bounded.
#include "ui/curves/MetricEvent.h"

#include <QStringList>

#include <vector>

namespace sb::ui {

class MetricsTail {
public:
    explicit MetricsTail(QString path = {});

    struct Batch {
        std::vector<MetricEvent> events;
        QStringList problems;  // "metrics.jsonl:12: ..." for lines that are not valid events
        bool restarted = false;  // the file was replaced: forget what was read before
        bool more = false;       // more complete lines are waiting beyond maxBytes
    };

    // Parses the complete lines appended since the last call, at most maxBytes of them.
    Batch readNew(qint64 maxBytes = 1 << 20);

    QString path() const { return path_; }
    qint64 offset() const { return offset_; }

    // One line to an event; false (with why) if it is not a JSON object with "event".
    static bool parseLine(const QByteArray& line, MetricEvent* event, QString* why);

private:
    QString path_;
    qint64 offset_ = 0;
    qint64 lineNumber_ = 0;
    QByteArray head_;  // the first bytes read, to notice a replaced file of equal size
};

}  // namespace sb::ui
