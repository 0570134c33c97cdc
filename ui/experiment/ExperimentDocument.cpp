#include "ui/experiment/ExperimentDocument.h"

#include "core/common/Error.h"
#include "core/experiment/ExperimentFile.h"
#include "ui/experiment/ExperimentEditCommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUndoStack>

namespace sb::ui {

namespace {
QString fromStd(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

ExperimentDocument::ExperimentDocument(QUndoStack* undo, QObject* parent)
    : QObject(parent), undo_(undo), config_(demoExperiment()), saved_(config_)
{
    revalidate();
}

sb::ExperimentConfig ExperimentDocument::demoExperiment()
{
    QFile file(QStringLiteral(":/experiments/demo.json"));
    if (!file.open(QIODevice::ReadOnly))
        throw sb::Error("the compiled-in demo experiment is missing (call sb::ui::initResources first)", "demo.json");
    std::vector<sb::FieldIssue> issues;
    sb::ExperimentConfig config = sb::parseExperiment(file.readAll().toStdString(), issues);
    if (!issues.empty()) throw sb::ExperimentFileError("projects/demo.json", issues);
    return config;
}

bool ExperimentDocument::sameExperiment(const sb::ExperimentConfig& a, const sb::ExperimentConfig& b)
{
    // The file form is the definition of "the same": fields a file does not hold (an
    // unused schedule's settings) do not make two experiments differ.
    return sb::experimentToJson(a) == sb::experimentToJson(b);
}

QStringList ExperimentDocument::issuesFor(const QString& field) const
{
    QStringList messages;
    const std::string wanted = field.toStdString();
    for (const sb::FieldIssue& issue : issues_)
        if (issue.field == wanted) messages << fromStd(issue.message);
    return messages;
}

QString ExperimentDocument::issuesText() const
{
    QStringList lines;
    for (const sb::FieldIssue& issue : issues_) lines << fromStd(issue.field) + QStringLiteral(": ") + fromStd(issue.message);
    return lines.join(QLatin1Char('\n'));
}

QString ExperimentDocument::displayName() const
{
    return path_.isEmpty() ? tr("Untitled experiment") : QFileInfo(path_).fileName();
}

QString ExperimentDocument::folder(const QString& fallback) const
{
    return path_.isEmpty() ? fallback : QFileInfo(path_).absolutePath();
}

bool ExperimentDocument::isModified() const { return !sameExperiment(config_, saved_); }

void ExperimentDocument::edit(const sb::ExperimentConfig& after, const QString& field, const QString& what)
{
    if (sameExperiment(after, config_)) return;
    undo_->push(new ExperimentEditCommand(this, config_, after, field, what));
}

void ExperimentDocument::apply(const sb::ExperimentConfig& config)
{
    config_ = config;
    revalidate();
    emit changed();
}

std::vector<sb::FieldIssue> ExperimentDocument::open(const QString& file)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) return {{file.toStdString(), in.errorString().toStdString()}};
    std::vector<sb::FieldIssue> issues;
    const sb::ExperimentConfig config = sb::parseExperiment(in.readAll().toStdString(), issues);
    if (!issues.empty()) return issues;  // nothing of it is taken
    saved_ = config;
    path_ = QFileInfo(file).absoluteFilePath();
    apply(config);
    emit pathChanged(path_);
    return {};
}

void ExperimentDocument::reset()
{
    saved_ = demoExperiment();
    path_.clear();
    apply(saved_);
    emit pathChanged(path_);
}

QString ExperimentDocument::saveAs(const QString& file)
{
    if (!isValid())
        return tr("%1: the experiment has problems; fix them first:\n%2").arg(QDir::toNativeSeparators(file), issuesText());
    try {
        sb::writeExperiment(file.toStdString(), config_);
    } catch (const sb::Error& e) {
        return fromStd(e.what());
    }
    saved_ = config_;
    const QString absolute = QFileInfo(file).absoluteFilePath();
    if (absolute != path_) {
        path_ = absolute;
        emit pathChanged(path_);
    }
    emit saved(path_);
    return {};
}

void ExperimentDocument::revalidate() { issues_ = sb::validate(config_); }

}  // namespace sb::ui
