// Tests of experiment files: the shipped projects, round trips, and that every kind of
// mistake is reported with the field it concerns.
#include "core/experiment/ExperimentFile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using sb::ExperimentConfig;
using sb::FieldIssue;

namespace {

std::string projectFile(const char* name) { return std::string(SCENEBENCH_SOURCE_DIR "/projects/") + name; }

std::vector<FieldIssue> issuesOf(const std::string& text)
{
    std::vector<FieldIssue> issues;
    sb::parseExperiment(text, issues);
    return issues;
}

bool hasIssue(const std::vector<FieldIssue>& issues, const std::string& field, const std::string& fragment)
{
    for (const auto& i : issues)
        if (i.field == field && i.message.find(fragment) != std::string::npos) return true;
    return false;
}

// The demo experiment as JSON text, with one edit applied to the parsed document.
template <typename Edit>
std::string demoWith(Edit edit)
{
    std::ifstream in(projectFile("demo.json"));
    auto doc = nlohmann::json::parse(in);
    edit(doc);
    return doc.dump();
}

}  // namespace

class TestExperimentFile : public QObject {
    Q_OBJECT
private slots:
    void shippedProjectsAreValid_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"demo.json", "paper-split5.json", "paper-split10.json", "paper-split25.json",
                              "paper-split50.json", "paper-split100.json", "demo-sweep.json", "paper-sweep.json"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void shippedProjectsAreValid()
    {
        QFETCH(QString, file);
        const ExperimentConfig c = sb::readExperiment(projectFile(file.toLatin1().constData()));
        QVERIFY(sb::validate(c).empty());
        QVERIFY(!c.teachers.empty());
    }

    // The sweep projects are their single-run files plus a sweep over the five splits.
    void sweepProjectsSweepTheirRecipes()
    {
        for (const auto& [sweepFile, runFile] : {std::pair{"demo-sweep.json", "demo.json"},
                                                 std::pair{"paper-sweep.json", "paper-split5.json"}}) {
            ExperimentConfig sweep = sb::readExperiment(projectFile(sweepFile));
            const ExperimentConfig run = sb::readExperiment(projectFile(runFile));
            QCOMPARE(sweep.sweep.splits, (std::vector<int>{5, 10, 25, 50, 100}));
            QCOMPARE(sweep.sweep.seeds, (std::vector<int>{1, 2, 3}));
            sweep.sweep = {};
            sweep.name = run.name;
            sweep.description = run.description;
            QCOMPARE(sb::experimentToJson(sweep), sb::experimentToJson(run));
        }
    }

    void paperProjectsHoldThePaperRecipes()
    {
        for (int split : {5, 10, 25, 50, 100}) {
            const auto c = sb::readExperiment(projectFile(("paper-split" + std::to_string(split) + ".json").c_str()));
            QCOMPARE(c.dataset.split, split);
            QCOMPARE(c.teachers.size(), size_t(3));
            for (const auto& t : c.teachers) {
                const auto recipe = sb::paperTeacher(t.variant, t.name, t.checkpoint);
                QCOMPARE(sb::experimentToJson(ExperimentConfig{"x", "", {}, {t}, {}, {}, 1, 0, "cpu", {}})["teachers"],
                         sb::experimentToJson(ExperimentConfig{"x", "", {}, {recipe}, {}, {}, 1, 0, "cpu", {}})["teachers"]);
            }
            // Student recipe (science.md): TF-SepNet-64/17 on 512 mels, T = 2, lambda = 0.02.
            QCOMPARE(c.student.width, 64);
            QCOMPARE(c.student.depth, 17);
            QCOMPARE(c.student.mels, 512);
            QCOMPARE(c.student.kd.temperature, 2.0);
            QCOMPARE(c.student.kd.lambda, 0.02);
            QCOMPARE(c.student.optimizer.lr, 0.004);
        }
    }

    void writeReadRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("e.json")).toStdString();
        ExperimentConfig c = sb::readExperiment(projectFile("demo.json"));
        c.dataset.percent = 7.5;
        c.student.width = 48;
        c.student.maxEpochClips = 300;
        c.teachers[0].maxEpochClips = 0;  // 0 (every clip) is written by leaving the field out
        c.teachers[1].maxEpochClips = 500;
        c.teachers[1].probeEpochs = 7;
        sb::writeExperiment(path, c);
        const ExperimentConfig back = sb::readExperiment(path);
        QCOMPARE(sb::experimentToJson(back), sb::experimentToJson(c));
        QCOMPARE(back.dataset.percent, 7.5);
        QCOMPARE(back.student.maxEpochClips, 300);
        QCOMPARE(back.teachers[0].maxEpochClips, 0);
        QCOMPARE(back.teachers[1].maxEpochClips, 500);
        QCOMPARE(back.teachers[1].probeEpochs, 7);
        QVERIFY(!sb::experimentToJson(back)["teachers"][0].contains("max_epoch_clips"));
    }

    void unknownFieldsAreErrors()
    {
        const auto issues = issuesOf(demoWith([](auto& d) { d["teachers"][1]["optimizer"]["learning_rate"] = 1; }));
        QVERIFY(hasIssue(issues, "teachers[1].optimizer.learning_rate", "unknown field"));
        QVERIFY(hasIssue(issuesOf(demoWith([](auto& d) { d["studnet"] = nlohmann::json::object(); })), "studnet",
                         "unknown field"));
    }

    void wrongTypesNameTheField()
    {
        const auto issues = issuesOf(demoWith([](auto& d) { d["student"]["width"] = "wide"; }));
        QVERIFY(hasIssue(issues, "student.width", "whole number"));
        QVERIFY(hasIssue(issuesOf(demoWith([](auto& d) { d["student"]["optimizer"]["betas"] = 0.9; })),
                         "student.optimizer.betas", "pair"));
    }

    void invalidValuesSayWhatIsAllowed_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("width") << "/student/width" << "30" << "student.width" << "multiple of 4";
        QTest::newRow("depth") << "/student/depth" << "18" << "student.depth" << "16 or 17";
        QTest::newRow("split") << "/dataset/split" << "7" << "dataset.split" << "5, 10, 25, 50, 100";
        QTest::newRow("percent") << "/dataset/percent" << "150" << "dataset.percent" << "(0, 100]";
        QTest::newRow("validation") << "/dataset/validation_percent" << "0" << "dataset.validation_percent" << "(0, 100]";
        QTest::newRow("lambda") << "/student/kd/lambda" << "1.5" << "student.kd.lambda" << "between 0 and 1";
        QTest::newRow("variant") << "/teachers/0/variant" << "\"big\"" << "teachers[0].variant" << "ssl_frozen";
        QTest::newRow("device") << "/device" << "\"tpu\"" << "device" << "cpu, cuda";
        QTest::newRow("ensemble") << "/ensemble/0" << "\"nobody\"" << "ensemble[0]" << "not the name";
        QTest::newRow("lr") << "/teachers/1/optimizer/lr" << "0" << "teachers[1].optimizer.lr" << "(0, 1]";
        QTest::newRow("epoch clips") << "/student/max_epoch_clips" << "-1" << "student.max_epoch_clips"
                                     << "between 0 and 10000000";
        QTest::newRow("frozen probe") << "/teachers/0/probe_epochs" << "5" << "teachers[0].probe_epochs"
                                      << "frozen teacher";
        QTest::newRow("probe epochs") << "/teachers/1/probe_epochs" << "-2" << "teachers[1].probe_epochs"
                                      << "between 0 and 10000";
        QTest::newRow("teacher epoch clips") << "/teachers/1/max_epoch_clips" << "1.5"
                                             << "teachers[1].max_epoch_clips" << "whole number";
        // demo.json's teacher 0 is frozen: its encoder outputs are cached, only MixUp applies.
        QTest::newRow("frozen specaugment") << "/teachers/0/augment/specaugment_p" << "0.2"
                                            << "teachers[0].augment.specaugment_p" << "frozen teacher";
        QTest::newRow("frozen device IRs") << "/teachers/0/augment/device_ir_p" << "0.5"
                                           << "teachers[0].augment.device_ir_p" << "only mixup_alpha";
    }
    void invalidValuesSayWhatIsAllowed()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, field);
        QFETCH(QString, fragment);
        const auto issues = issuesOf(demoWith([&](auto& d) {
            d[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
        }));
        QVERIFY2(hasIssue(issues, field.toStdString(), fragment.toStdString()),
                 qPrintable(QString::fromStdString(issues.empty() ? "no issue" : issues[0].field + ": " + issues[0].message)));
    }

    void duplicateTeacherNames()
    {
        const auto issues = issuesOf(demoWith([](auto& d) { d["teachers"][1]["name"] = d["teachers"][0]["name"]; }));
        QVERIFY(hasIssue(issues, "teachers[1].name", "used by another teacher"));
    }

    void badJsonGivesLineAndColumn()
    {
        const auto issues = issuesOf("{\n  \"format\": \"scenebench-experiment\",\n  \"version\": 1,,\n}");
        QCOMPARE(issues.size(), size_t(1));
        QCOMPARE(issues[0].field, std::string("line 3, column 16"));
    }

    void versionAndFormatAreChecked()
    {
        QVERIFY(hasIssue(issuesOf(demoWith([](auto& d) { d["version"] = 99; })), "version", "newer SceneBench"));
        QVERIFY(hasIssue(issuesOf(demoWith([](auto& d) { d.erase("version"); })), "version", "missing"));
        QVERIFY(hasIssue(issuesOf("{\"name\": \"x\"}"), "format", "scenebench-experiment"));
    }

    void readingABadFileThrowsWithAllIssuesAndWhere()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bad.json")).toStdString();
        std::ofstream(path) << demoWith([](auto& d) {
            d["student"]["width"] = 30;
            d["seed"] = -1;
        });
        try {
            sb::readExperiment(path);
            QFAIL("invalid file accepted");
        } catch (const sb::ExperimentFileError& e) {
            QCOMPARE(e.where(), path);
            QCOMPARE(e.issues().size(), size_t(2));
            QVERIFY(std::string(e.what()).find("student.width") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::readExperiment(path + ".missing"));
    }

    void missingFieldsTakeTheDefaults()
    {
        std::vector<FieldIssue> issues;
        const auto c = sb::parseExperiment(
            R"({"format": "scenebench-experiment", "version": 1, "teachers": [{"name": "t"}]})", issues);
        QVERIFY(issues.empty());
        QCOMPARE(c.student.width, ExperimentConfig{}.student.width);
        QCOMPARE(c.teachers[0].epochs, sb::TeacherConfig{}.epochs);
    }
};

QTEST_GUILESS_MAIN(TestExperimentFile)
#include "tst_ExperimentFile.moc"
