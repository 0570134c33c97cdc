#include "ui/experiment/RecoveryFile.h"

#include "core/experiment/ExperimentFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <nlohmann/json.hpp>

namespace sb::ui {

namespace {

constexpr const char* kFormat = "scenebench-recovery";
constexpr int kVersion = 1;

// Structural problems (a missing or mistyped field) mean the file is damaged; value rules
// alone are what the user had typed. experimentFromJson checks the values only when the
// structure is sound, so the issues are value issues exactly when they are validate()'s.
bool onlyValueIssues(const sb::ExperimentConfig& config, const std::vector<sb::FieldIssue>& issues)
{
    const std::vector<sb::FieldIssue> values = sb::validate(config);
    if (values.size() != issues.size()) return false;
    for (size_t i = 0; i < issues.size(); ++i)
        if (issues[i].field != values[i].field || issues[i].message != values[i].message) return false;
    return true;
}

QString text(const nlohmann::json& j, const char* key) { return QString::fromStdString(j.at(key).get<std::string>()); }

}  // namespace

QString RecoveryFile::folder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("recovery"));
}

QString RecoveryFile::prefixFor(const QString& experimentFile, const QString& project)
{
    const QString key = experimentFile.isEmpty() ? QStringLiteral("untitled:") + QDir::cleanPath(project)
                                                 : QStringLiteral("file:") + QDir::cleanPath(experimentFile);
    return QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}

bool RecoveryFile::belongsTo(const QString& file, const QString& folder) const
{
    if (QDir::cleanPath(file) != QDir::cleanPath(experimentFile)) return false;
    return !file.isEmpty() || QDir::cleanPath(folder) == QDir::cleanPath(project);
}

QString RecoveryFile::write() const
{
    const nlohmann::json document = {{"format", kFormat},
                                     {"version", kVersion},
                                     {"experiment_file", experimentFile.toStdString()},
                                     {"project", project.toStdString()},
                                     {"time", time.toString(Qt::ISODateWithMs).toStdString()},
                                     {"pid", pid},
                                     {"experiment", sb::experimentToJson(config)}};
    const QString where = QDir::toNativeSeparators(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) return tr("%1: cannot create its folder").arg(where);
    QSaveFile out(path);
    const std::string bytes = document.dump(2) + '\n';
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) ||
        !out.commit())
        return QStringLiteral("%1: %2").arg(where, out.errorString());
    return {};
}

std::optional<RecoveryFile> RecoveryFile::read(const QString& file, QString* error)
{
    const QString where = QDir::toNativeSeparators(file);
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(where, in.errorString());
        return std::nullopt;
    }
    const nlohmann::json document = nlohmann::json::parse(in.readAll().toStdString(), nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
        *error = tr("%1: not a JSON object (the file is damaged)").arg(where);
        return std::nullopt;
    }
    try {
        if (document.value("format", std::string()) != kFormat || document.value("version", 0) != kVersion) {
            *error = tr("%1: not a SceneBench recovery file (format %2, version %3)")
                         .arg(where, QString::fromStdString(document.value("format", std::string("?"))))
                         .arg(document.value("version", 0));
            return std::nullopt;
        }
        RecoveryFile r;
        r.path = file;
        r.experimentFile = text(document, "experiment_file");
        r.project = text(document, "project");
        r.time = QDateTime::fromString(text(document, "time"), Qt::ISODateWithMs);
        r.pid = document.at("pid").get<qint64>();
        std::vector<sb::FieldIssue> issues;
        r.config = sb::experimentFromJson(document.at("experiment"), issues);
        if (!r.time.isValid()) {
            *error = tr("%1: time: not an ISO 8601 date and time").arg(where);
            return std::nullopt;
        }
        if (!onlyValueIssues(r.config, issues)) {
            QStringList lines;
            for (const sb::FieldIssue& issue : issues)
                lines << QString::fromStdString("experiment." + issue.field + ": " + issue.message);
            *error = tr("%1: the experiment in it is damaged:\n%2").arg(where, lines.join(QLatin1Char('\n')));
            return std::nullopt;
        }
        return r;
    } catch (const nlohmann::json::exception& e) {  // a missing field or one of the wrong type
        *error = QStringLiteral("%1: %2").arg(where, QString::fromLocal8Bit(e.what()));
        return std::nullopt;
    }
}

}  // namespace sb::ui
