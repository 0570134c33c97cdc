#include "ui/curves/MetricsTail.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace sb::ui {

namespace {
constexpr qint64 kHeadBytes = 64;
}  // namespace

MetricsTail::MetricsTail(QString path) : path_(std::move(path)) {}

MetricsTail::Batch MetricsTail::readNew(qint64 maxBytes)
{
    Batch batch;
    QFile file(path_);
    if (!file.open(QIODevice::ReadOnly)) return batch;  // not written yet: try again later
    // A growing file only appends: a shorter file or a different beginning means the
    // writer started over (a new run in the same folder).
    const QByteArray head = file.read(kHeadBytes);
    if (file.size() < offset_ || !head.startsWith(head_)) {
        offset_ = 0;
        lineNumber_ = 0;
        batch.restarted = true;
    }
    head_ = head;
    if (!file.seek(offset_)) return batch;
    QByteArray chunk = file.read(maxBytes);
    qint64 end = chunk.lastIndexOf('\n');
    if (end < 0 && chunk.size() == maxBytes) {
        // A line longer than maxBytes still gets through once it is complete.
        chunk += file.readLine();
        end = chunk.lastIndexOf('\n');
    }
    if (end < 0) return batch;  // only an unfinished line so far
    chunk.truncate(end + 1);
    batch.more = offset_ + chunk.size() < file.size();
    offset_ += chunk.size();
    for (const QByteArray& raw : chunk.split('\n')) {
        if (raw.isEmpty()) continue;
        ++lineNumber_;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty()) continue;
        MetricEvent event;
        QString why;
        if (parseLine(line, &event, &why)) batch.events.push_back(std::move(event));
        else batch.problems << QStringLiteral("%1:%2: %3").arg(QFileInfo(path_).fileName()).arg(lineNumber_).arg(why);
    }
    return batch;
}

bool MetricsTail::parseLine(const QByteArray& line, MetricEvent* event, QString* why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = QStringLiteral("not valid JSON (%1)").arg(error.errorString());
        return false;
    }
    if (!doc.isObject()) {
        *why = QStringLiteral("not a JSON object");
        return false;
    }
    const QJsonObject object = doc.object();
    event->event = object.value(QLatin1String("event")).toString();
    if (event->event.isEmpty()) {
        *why = QStringLiteral("no \"event\" key");
        return false;
    }
    event->model = object.value(QLatin1String("model")).toString();
    event->stage = object.value(QLatin1String("stage")).toString();
    event->status = object.value(QLatin1String("status")).toString();
    event->time = object.value(QLatin1String("time")).toDouble();
    event->epoch = object.value(QLatin1String("epoch")).toInt(-1);
    event->step = qint64(object.value(QLatin1String("step")).toDouble(-1));
    for (auto it = object.begin(); it != object.end(); ++it) {
        static const QStringList kFixed = {QStringLiteral("time"), QStringLiteral("epoch"), QStringLiteral("step")};
        if (it.value().isDouble() && !kFixed.contains(it.key())) event->values.insert(it.key(), it.value().toDouble());
    }
    return true;
}

}  // namespace sb::ui
