// Tests of the Experiment view: fields validate as typed with the message next to the
// field, every edit is one undo step (typing merges), teachers are added, renamed (the
// ensemble follows) and removed with undo, a file with problems is refused with each
// problem's place and nothing of it is loaded, and Save writes a file that reads back.
#include "core/experiment/ExperimentFile.h"
#include "ui/experiment/ExperimentDocument.h"
#include "ui/experiment/ExperimentEditor.h"
#include "ui/experiment/FieldBinder.h"
#include "ui/main/Resources.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using sb::ui::ExperimentDocument;
using sb::ui::ExperimentEditor;

namespace {

void typeInto(QWidget* editor, const QString& text)
{
    editor->setFocus();
    if (auto* spin = qobject_cast<QSpinBox*>(editor)) spin->selectAll();
    if (auto* line = qobject_cast<QLineEdit*>(editor)) line->selectAll();
    QTest::keyClicks(editor, text);
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

QByteArray demoJson() { return QByteArray::fromStdString(sb::experimentToJson(ExperimentDocument::demoExperiment()).dump(2)); }

}  // namespace

class TestExperimentEditor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { sb::ui::initResources(); }

    void typedValuesValidateAndUndoInOneStep()
    {
        QUndoStack undo;
        ExperimentDocument document(&undo);
        ExperimentEditor editor(&document);
        editor.show();
        QVERIFY(document.isValid());
        auto* width = editor.findChild<QSpinBox*>(QStringLiteral("student.width"));
        QVERIFY(width);
        QCOMPARE(width->value(), 64);

        typeInto(width, QStringLiteral("66"));  // passes through 6: both are one undo step
        QCOMPARE(document.config().student.width, 66);
        QCOMPARE(undo.count(), 1);
        QVERIFY(!document.isValid());
        const QString message = editor.binder()->messageFor(QStringLiteral("student.width"));
        QVERIFY2(message.contains(QStringLiteral("multiple of 4")), qPrintable(message));
        QCOMPARE(editor.problemList()->count(), 1);
        QVERIFY(editor.problemList()->item(0)->text().startsWith(QStringLiteral("student.width")));

        undo.undo();
        QCOMPARE(document.config().student.width, 64);
        QCOMPARE(width->value(), 64);
        QVERIFY(editor.binder()->messageFor(QStringLiteral("student.width")).isEmpty());
        QCOMPARE(editor.problemList()->count(), 0);
        undo.redo();
        QCOMPARE(width->value(), 66);

        // A typo in a number field is shown as such and changes nothing.
        auto* lambda = editor.findChild<QLineEdit*>(QStringLiteral("student.kd.lambda"));
        QVERIFY(lambda);
        typeInto(lambda, QStringLiteral("x"));
        QVERIFY(editor.binder()->messageFor(QStringLiteral("student.kd.lambda")).contains(QStringLiteral("not a number")));
        QCOMPARE(document.config().student.kd.lambda, 0.02);
        QCOMPARE(undo.count(), 1);
        typeInto(lambda, QStringLiteral("1.5"));
        QCOMPARE(document.config().student.kd.lambda, 1.5);
        QVERIFY(editor.binder()->messageFor(QStringLiteral("student.kd.lambda")).contains(QStringLiteral("between 0 and 1")));
        QCOMPARE(undo.count(), 2);
        undo.undo();
        QCOMPARE(lambda->text(), QStringLiteral("0.02"));
        QVERIFY(editor.binder()->messageFor(QStringLiteral("student.kd.lambda")).isEmpty());
    }

    void teachersAddRenameRemoveWithUndo()
    {
        QUndoStack undo;
        ExperimentDocument document(&undo);
        ExperimentEditor editor(&document);
        editor.show();
        QCOMPARE(int(document.config().teachers.size()), 2);
        QCOMPARE(int(document.config().ensemble.size()), 2);

        editor.addTeacher(QStringLiteral("ssl_sl"));
        QCOMPARE(int(document.config().teachers.size()), 3);
        QCOMPARE(document.config().teachers[2].name, std::string("teacher-3"));
        QCOMPARE(document.config().teachers[2].optimizer.type, std::string("adamw"));  // the paper's SSL+SL recipe
        QCOMPARE(document.config().ensemble.back(), std::string("teacher-3"));
        QCOMPARE(editor.selectedTeacher(), 2);
        QCOMPARE(editor.teacherList()->count(), 3);

        // Renaming renames the ensemble member too.
        auto* name = editor.findChild<QLineEdit*>(QStringLiteral("teachers[].name"));
        QVERIFY(name);
        typeInto(name, QStringLiteral("big"));
        QCOMPARE(document.config().teachers[2].name, std::string("big"));
        QCOMPARE(document.config().ensemble.back(), std::string("big"));
        QVERIFY(document.isValid());

        // A bad value of one teacher marks it in the list and its problem leads to the field.
        auto* epochs = editor.findChild<QSpinBox*>(QStringLiteral("teachers[].epochs"));
        QVERIFY(epochs);
        typeInto(epochs, QStringLiteral("0"));
        QCOMPARE(document.config().teachers[2].epochs, 0);
        QVERIFY(!editor.teacherList()->item(2)->icon().isNull());
        QVERIFY(editor.teacherList()->item(0)->icon().isNull());
        editor.selectTeacher(0);
        QVERIFY(editor.binder()->messageFor(QStringLiteral("teachers[2].epochs")).isEmpty());  // not on screen
        QVERIFY(editor.focusField(QStringLiteral("teachers[2].epochs")));
        QCOMPARE(editor.selectedTeacher(), 2);
        QVERIFY(editor.binder()->messageFor(QStringLiteral("teachers[2].epochs")).contains(QStringLiteral("between 1 and")));

        editor.removeSelectedTeacher();
        QCOMPARE(int(document.config().teachers.size()), 2);
        QCOMPARE(int(document.config().ensemble.size()), 2);
        QVERIFY(document.isValid());
        const int steps = undo.count();
        QCOMPARE(steps, 4);  // add, rename, epochs, remove
        undo.undo();
        QCOMPARE(document.config().teachers[2].epochs, 0);
        undo.undo();
        undo.undo();
        QCOMPARE(document.config().teachers[2].name, std::string("teacher-3"));
        undo.undo();
        QCOMPARE(int(document.config().teachers.size()), 2);
        QCOMPARE(editor.teacherList()->count(), 2);
        QVERIFY(editor.selectedTeacher() < 2);
    }

    void ensembleTicksEditTheList()
    {
        QUndoStack undo;
        ExperimentDocument document(&undo);
        ExperimentEditor editor(&document);
        QListWidget* ensemble = editor.findChild<QListWidget*>(QStringLiteral("ensemble"));
        QVERIFY(ensemble);
        QCOMPARE(ensemble->count(), 2);
        ensemble->item(0)->setCheckState(Qt::Unchecked);
        QCOMPARE(document.config().ensemble, std::vector<std::string>{"demo-trained"});
        undo.undo();
        QCOMPARE(int(document.config().ensemble.size()), 2);
        QCOMPARE(ensemble->item(0)->checkState(), Qt::Checked);
    }

    void fileWithProblemsIsRefusedWholly_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        QByteArray syntax = demoJson();
        syntax.replace("\"seed\": 1,", "\"seed\": 1,,");
        const int line = int(syntax.left(syntax.indexOf(",,")).count('\n')) + 1;
        QTest::newRow("syntax") << syntax << QStringLiteral("line %1, column").arg(line) << QStringLiteral("not valid JSON");
        nlohmann::json unknown = sb::experimentToJson(ExperimentDocument::demoExperiment());
        unknown["student"]["widht"] = unknown["student"]["width"];
        unknown["student"].erase("width");
        QTest::newRow("unknown field") << QByteArray::fromStdString(unknown.dump(2)) << QStringLiteral("student.widht") << QString();
        nlohmann::json type = sb::experimentToJson(ExperimentDocument::demoExperiment());
        type["teachers"][0]["epochs"] = "thirty";
        QTest::newRow("wrong type") << QByteArray::fromStdString(type.dump(2)) << QStringLiteral("teachers[0].epochs") << QString();
        nlohmann::json value = sb::experimentToJson(ExperimentDocument::demoExperiment());
        value["student"]["mels"] = 500;
        QTest::newRow("invalid value") << QByteArray::fromStdString(value.dump(2)) << QStringLiteral("student.mels")
                                       << QStringLiteral("multiple of 32");
    }

    void fileWithProblemsIsRefusedWholly()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        QFETCH(QString, what);
        QVERIFY(text != demoJson());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        writeText(path, text);
        QUndoStack undo;
        ExperimentDocument document(&undo);
        ExperimentEditor editor(&document);
        // Something edited first: a refused file must leave it exactly as it was.
        sb::ExperimentConfig edited = document.config();
        edited.student.width = 48;
        document.edit(edited, QStringLiteral("student.width"), QStringLiteral("width"));
        const std::vector<sb::FieldIssue> issues = document.open(path);
        QVERIFY(!issues.empty());
        QVERIFY2(QString::fromStdString(issues[0].field).startsWith(where), issues[0].field.c_str());
        if (!what.isEmpty()) QVERIFY2(QString::fromStdString(issues[0].message).contains(what), issues[0].message.c_str());
        QVERIFY(document.path().isEmpty());
        QCOMPARE(document.config().student.width, 48);
        QCOMPARE(document.config().student.mels, ExperimentDocument::demoExperiment().student.mels);
        QCOMPARE(undo.count(), 1);
        editor.showOpenProblems(path, issues);
        QVERIFY(editor.openProblemsText().contains(where));
        QVERIFY(editor.openProblemsText().contains(QStringLiteral("nothing of it was loaded")));
    }

    void saveWritesAFileThatReadsBack()
    {
        QTemporaryDir dir;
        QUndoStack undo;
        ExperimentDocument document(&undo);
        QVERIFY(!document.isModified());
        sb::ExperimentConfig edited = document.config();
        edited.student.width = 40;
        edited.dataset.percent = 7.5;
        edited.dataset.subsetSeed = 3;
        document.edit(edited, QStringLiteral("student.width"), QStringLiteral("width"));
        QVERIFY(document.isModified());
        const QString path = dir.filePath(QStringLiteral("mine.json"));
        QCOMPARE(document.saveAs(path), QString());
        QVERIFY(!document.isModified());
        QCOMPARE(document.path(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("mine.json")});
        const sb::ExperimentConfig back = sb::readExperiment(path.toStdString());
        QVERIFY(ExperimentDocument::sameExperiment(back, edited));

        // An invalid experiment is not written; the file keeps the last good version.
        edited.student.depth = 3;
        document.edit(edited, QStringLiteral("student.depth"), QStringLiteral("depth"));
        const QString error = document.saveAs(path);
        QVERIFY(error.contains(QStringLiteral("student.depth")));
        QCOMPARE(sb::readExperiment(path.toStdString()).student.depth, 17);

        QUndoStack other;
        ExperimentDocument reopened(&other);
        QVERIFY(reopened.open(path).empty());
        QCOMPARE(reopened.config().student.width, 40);
        QCOMPARE(reopened.config().dataset.percent, 7.5);
        QVERIFY(!reopened.isModified());
    }
};

QTEST_MAIN(TestExperimentEditor)
#include "tst_ExperimentEditor.moc"
