#pragma once
// One autosaved state of an experiment being edited, as kept in
// QStandardPaths::AppDataLocation/recovery/: which document it belongs to (its experiment
// file, or the project of an untitled one), when and by which process it was written, and
// the whole configuration. Written atomically (QSaveFile); read back strictly, so a damaged
// file is an error naming it, never a half-read configuration. A configuration that breaks
// a value rule (a width typed halfway) is kept as it was: the editor held it too.
#include "core/experiment/ExperimentConfig.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace sb::ui {

struct RecoveryFile {
    Q_DECLARE_TR_FUNCTIONS(RecoveryFile)

public:
    QString path;            // where it is kept
    QString experimentFile;  // absolute; empty for an untitled experiment
    QString project;         // the project folder of an untitled experiment
    QDateTime time;          // when it was written
    qint64 pid = 0;          // the process that wrote it
    sb::ExperimentConfig config;

    // The folder every recovery file lives in.
    static QString folder();
    // The names of one document's recovery files start with this and a '-': a hash of its
    // file (untitled: of its project), so finding them needs no reading.
    static QString prefixFor(const QString& experimentFile, const QString& project);
    bool belongsTo(const QString& experimentFile, const QString& project) const;

    // Writes the file at `path` atomically (making its folder); an error message, or empty.
    QString write() const;
    // Reads `file`; on any problem returns nothing and *error says what, naming the file.
    static std::optional<RecoveryFile> read(const QString& file, QString* error);
};

}  // namespace sb::ui
