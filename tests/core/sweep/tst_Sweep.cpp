// Tests of sweeps without running one: the experiment file's sweep section, its cells
// and ids, the plan on disk, the cell states, the Slurm script, squeue's output, the
// attempts log and the report's statistics. (tst_sweep_cli and tst_sweep_slurm run real
// sweeps through scenebench-cli.)
#include "core/experiment/ExperimentFile.h"
#include "core/sweep/CellAttempts.h"
#include "core/sweep/SlurmQueue.h"
#include "core/sweep/SlurmSubmitter.h"
#include "core/sweep/SweepPlan.h"
#include "core/sweep/SweepReport.h"
#include "core/sweep/SweepStatus.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using sb::CellState;

namespace {

sb::ExperimentConfig twoTeachers()
{
    sb::ExperimentConfig c;
    c.name = "s";
    c.teachers = {sb::paperTeacher("ssl_frozen", "a", "demo"), sb::paperTeacher("ssl_frozen", "b", "demo"),
                  sb::paperTeacher("ssl_frozen", "unused", "demo")};
    c.sweep.present = true;
    c.sweep.splits = {5, 25};
    c.sweep.percents = {2.5};
    c.sweep.seeds = {1, 7};
    c.sweep.ensembles = {{"b"}, {"a", "b"}};
    return c;
}

std::vector<sb::FieldIssue> issuesOf(const sb::ExperimentConfig& c)
{
    std::vector<sb::FieldIssue> issues;
    sb::experimentFromJson(sb::experimentToJson(c), issues);
    return issues;
}

bool hasIssue(const std::vector<sb::FieldIssue>& issues, const std::string& field, const std::string& fragment)
{
    for (const auto& i : issues)
        if (i.field == field && i.message.find(fragment) != std::string::npos) return true;
    return false;
}

void writeText(const fs::path& path, const std::string& text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

// A finished cell as the runner leaves it, as far as the report reads it.
void finishCell(const sb::SweepPlan& plan, const sb::SweepCell& cell, const nlohmann::json& summary)
{
    const fs::path run = plan.runFolder(cell);
    writeText(run / "experiment.json", sb::experimentToJson(sb::cellExperiment(plan.config(), cell)).dump());
    writeText(run / "summary.json", summary.dump());
    writeText(run / "metrics.jsonl", R"({"event":"stage","model":"run","stage":"evaluate","status":"finished"})" "\n");
}

}  // namespace

class TestSweep : public QObject {
    Q_OBJECT
private slots:
    void cellsAndIdsFollowTheSweepOrder()
    {
        const auto cells = sb::expandSweep(twoTeachers());
        QCOMPARE(cells.size(), size_t(3 * 2 * 2));
        QCOMPARE(cells[0].id, std::string("split5-seed1-b"));
        QCOMPARE(cells[1].id, std::string("split5-seed1-a+b"));
        QCOMPARE(cells[2].id, std::string("split5-seed7-b"));
        QCOMPARE(cells[8].id, std::string("pct2.5-seed1-b"));
        QCOMPARE(cells[8].subsetPercent(), 2.5);
        for (size_t i = 0; i < cells.size(); ++i) QCOMPARE(cells[i].index, i);
        // Planning again gives the same ids: they are made of the values only.
        QCOMPARE(sb::expandSweep(twoTeachers())[5].id, cells[5].id);
    }

    void withoutSweepValuesTheExperimentIsOneCell()
    {
        sb::ExperimentConfig c;
        c.seed = 4;
        c.dataset.percent = 12.5;
        const auto cells = sb::expandSweep(c);
        QCOMPARE(cells.size(), size_t(1));
        QCOMPARE(cells[0].id, std::string("pct12.5-seed4"));
    }

    void idsThatWouldCollideAreRefused()
    {
        auto c = twoTeachers();
        c.teachers[0].name = "x y";
        c.teachers[1].name = "x_y";
        c.sweep.ensembles = {{"x y"}, {"x_y"}};
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::expandSweep(c));
    }

    void aCellsExperimentHasItsValuesAndTheUsedTeachersInOrder()
    {
        const auto c = twoTeachers();
        const auto cell = sb::expandSweep(c)[9];  // pct2.5, seed 1, a+b
        const auto e = sb::cellExperiment(c, cell);
        QVERIFY(!e.sweep.present);
        QCOMPARE(e.seed, 1);
        QCOMPARE(e.dataset.percent, 2.5);
        QCOMPARE(e.ensemble, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(e.teachers.size(), size_t(2));  // "unused" is in no ensemble
        QCOMPARE(e.teachers[0].name, std::string("a"));
        QCOMPARE(e.name, "s " + cell.id);
        // The same teacher list in a cell with another ensemble: same positions, same weights.
        QCOMPARE(sb::cellExperiment(c, sb::expandSweep(c)[0]).teachers.size(), size_t(2));
        QVERIFY(issuesOf(e).empty());
    }

    void theSweepSectionRoundTripsAndItsMistakesNameTheField()
    {
        const auto c = twoTeachers();
        std::vector<sb::FieldIssue> issues;
        const auto back = sb::experimentFromJson(sb::experimentToJson(c), issues);
        QVERIFY(issues.empty());
        QCOMPARE(back.sweep.splits, c.sweep.splits);
        QCOMPARE(back.sweep.percents, c.sweep.percents);
        QCOMPARE(back.sweep.ensembles, c.sweep.ensembles);

        auto bad = c;
        bad.sweep.splits = {5, 7, 5};
        bad.sweep.percents = {0};
        bad.sweep.seeds = {-1};
        bad.sweep.ensembles = {{"a", "nobody"}, {}, {"a", "a"}};
        const auto found = issuesOf(bad);
        QVERIFY(hasIssue(found, "sweep.splits[1]", "must be one of 5, 10, 25, 50, 100, got 7"));
        QVERIFY(hasIssue(found, "sweep.splits", "twice"));
        QVERIFY(hasIssue(found, "sweep.percents[0]", "(0, 100]"));
        QVERIFY(hasIssue(found, "sweep.seeds[0]", "between 0 and"));
        QVERIFY(hasIssue(found, "sweep.ensembles[0][1]", "'nobody' is not the name of a teacher"));
        QVERIFY(hasIssue(found, "sweep.ensembles[1]", "at least one teacher"));
        QVERIFY(hasIssue(found, "sweep.ensembles[2]", "twice"));

        auto doc = sb::experimentToJson(c);
        doc["sweep"]["seed"] = 3;
        doc["sweep"]["splits"] = {5, "ten"};
        doc["sweep"]["ensembles"] = {"a"};
        sb::experimentFromJson(doc, issues);
        QVERIFY(hasIssue(issues, "sweep.seed", "unknown field"));
        QVERIFY(hasIssue(issues, "sweep.splits[1]", "whole number"));
        QVERIFY(hasIssue(issues, "sweep.ensembles[0]", "list of lists"));

        auto huge = c;
        huge.sweep.seeds.clear();
        for (int s = 0; s < 2000; ++s) huge.sweep.seeds.push_back(s);
        QVERIFY(hasIssue(issuesOf(huge), "sweep", "more than the 10000 allowed"));
    }

    void aPlanIsWrittenOnceAndAnotherOneRefused()
    {
        QTemporaryDir tmp;
        const std::string folder = tmp.filePath(QStringLiteral("sweep")).toStdString();
        const auto plan = sb::SweepPlan::create(folder, twoTeachers(), "");
        QVERIFY(sb::SweepPlan::isSweep(folder));
        const auto again = sb::SweepPlan::create(folder, twoTeachers(), "");  // the same: fine
        QCOMPARE(again.cells().size(), plan.cells().size());
        QCOMPARE(sb::SweepPlan::open(folder).cellAt(3).id, plan.cells()[3].id);
        QCOMPARE(sb::SweepPlan::open(folder).cell("split25-seed7-b").index, size_t(6));
        QVERIFY_THROWS_EXCEPTION(sb::Error, plan.cell("split50-seed1"));
        QVERIFY_THROWS_EXCEPTION(sb::Error, plan.cellAt(12));

        auto other = twoTeachers();
        other.sweep.seeds = {1, 2};
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::SweepPlan::create(folder, other, ""));
        writeText(tmp.filePath(QStringLiteral("busy/file")).toStdString(), "x");
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::SweepPlan::create(tmp.filePath(QStringLiteral("busy")).toStdString(),
                                                                  twoTeachers(), ""));
        // A plan whose cells were edited by hand no longer matches its experiment.
        auto doc = nlohmann::json::parse(std::ifstream(folder + "/sweep.json"));
        doc["cells"][0]["id"] = "renamed";
        writeText(folder + "/sweep.json", doc.dump());
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::SweepPlan::open(folder));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::SweepPlan::open(tmp.path().toStdString()));
    }

    void everyCombinationOfFactsHasOneState()
    {
        using F = sb::CellFacts;
        auto with = [](auto edit) {
            F f;
            edit(f);
            return sb::classifyCell(f);
        };
        QCOMPARE(with([](F&) {}), CellState::Pending);
        QCOMPARE(with([](F& f) { f.runExists = true; }), CellState::Interrupted);
        QCOMPARE(with([](F& f) { f.runExists = f.finished = true; f.lockHeld = true; }), CellState::Done);
        QCOMPARE(with([](F& f) { f.runExists = f.lockHeld = true; }), CellState::Running);
        QCOMPARE(with([](F& f) { f.slurm = sb::SlurmTaskState{"9_1", "PENDING"}; }), CellState::Queued);
        QCOMPARE(with([](F& f) { f.slurm = sb::SlurmTaskState{"9_1", "RUNNING"}; f.attempts = 1; }), CellState::Running);
        QCOMPARE(with([](F& f) { f.attempts = 1; f.lastExit = 2; }), CellState::Failed);
        QCOMPARE(with([](F& f) { f.attempts = 1; f.lastExit = 130; f.runExists = true; }), CellState::Interrupted);
        // Killed by scancel after its grace time: no exit recorded, Slurm says CANCELLED.
        QCOMPARE(with([](F& f) { f.attempts = 1; f.runExists = true; f.slurm = sb::SlurmTaskState{"9_1", "CANCELLED"}; }),
                 CellState::Interrupted);
        // A failure, then a retry that is running again.
        QCOMPARE(with([](F& f) { f.attempts = 2; f.lastExit = 2; f.runExists = f.lockHeld = true; }), CellState::Running);
    }

    void arrayRangesAreCompact()
    {
        QCOMPARE(sb::arrayRanges({0, 1, 2, 3, 5, 7, 8}), std::string("0-3,5,7,8"));
        QCOMPARE(sb::arrayRanges({4}), std::string("4"));
        QCOMPARE(sb::arrayRanges({}), std::string(""));
    }

    void theSlurmScriptRunsTheCellsOfItsArray()
    {
        QTemporaryDir tmp;
        const std::string folder = tmp.filePath(QStringLiteral("it's")).toStdString();
        const auto plan = sb::SweepPlan::create(folder, twoTeachers(), "");
        sb::SlurmOptions o;
        o.cli = "/opt/sb/bin/scenebench-cli";
        o.partition = "gpu";
        o.time = "1:00:00";
        o.cpus = 4;
        o.gpus = 1;
        o.arrayLimit = 2;
        const std::string script = sb::slurmScript(plan, {0, 1, 2, 5}, o);
        QVERIFY(script.rfind("#!/bin/bash\n", 0) == 0);
        for (const char* line : {"#SBATCH --array=0-2,5%2\n", "#SBATCH --cpus-per-task=4\n", "#SBATCH --partition=gpu\n",
                                 "#SBATCH --time=1:00:00\n", "#SBATCH --gres=gpu:1\n"})
            QVERIFY2(script.find(line) != std::string::npos, line);
        // The folder's quote survives bash.
        QVERIFY(script.find("sweep cell '" + plan.path().substr(0, plan.path().size() - 4) + "it'\\''s' --index") !=
                std::string::npos);
        QVERIFY(script.find("--device cuda") != std::string::npos);
        o.gpus = 0;
        QVERIFY(sb::slurmScript(plan, {0}, o).find("--gres") == std::string::npos);
    }

    void squeueLinesBecomeTaskStates()
    {
        const auto states = sb::parseSqueue("41|0|RUNNING\n41|3|PENDING\n52|N/A|RUNNING\ngarbage\n");
        QCOMPARE(states.size(), size_t(2));
        QCOMPARE(states.at("41_0"), std::string("RUNNING"));
        QCOMPARE(states.at("41_3"), std::string("PENDING"));
        QVERIFY(sb::SlurmTaskState({"41_3", "PENDING"}).active());
        QVERIFY(!sb::SlurmTaskState({"41_3", "TIMEOUT"}).active());
    }

    void attemptsPairStartsWithEnds()
    {
        QTemporaryDir tmp;
        sb::CellAttempts log(tmp.filePath(QStringLiteral("a/cell.jsonl")).toStdString());
        QCOMPARE(log.start("run"), 1);
        log.end(2, "teacher checkpoint not found");
        QCOMPARE(log.start("resume"), 2);  // then killed: no end
        const auto attempts = log.read();
        QCOMPARE(attempts.size(), size_t(2));
        QCOMPARE(*attempts[0].exitCode, 2);
        QCOMPARE(attempts[0].message, std::string("teacher checkpoint not found"));
        QCOMPARE(attempts[1].mode, std::string("resume"));
        QVERIFY(!attempts[1].exitCode);
    }

    void theReportAveragesSeedsAndCountsSharedModelsOnce()
    {
        QTemporaryDir tmp;
        auto config = twoTeachers();
        config.sweep.percents.clear();
        const auto plan = sb::SweepPlan::create(tmp.filePath(QStringLiteral("s")).toStdString(), config, "");
        // accuracy of (model, split, seed, ensemble) as made-up but distinct numbers
        auto acc = [](int model, int split, int seed, size_t ensemble) {
            return 0.01 * model + 0.001 * split + 0.0001 * seed + 0.00001 * double(ensemble);
        };
        for (const auto& cell : plan.cells()) {
            if (cell.split == 25 && cell.seed == 7) continue;  // not finished
            const size_t e = cell.ensemble.size();
            const double teacherAcc = acc(1, cell.split, cell.seed, 0);
            nlohmann::json s = {{"a", {{"accuracy", teacherAcc}}},
                                {"student", {{"accuracy", acc(2, cell.split, cell.seed, e)},
                                             {"accuracy_seen_devices", 0.5},
                                             {"accuracy_unseen_devices", 0.25}}}};
            finishCell(plan, cell, s);
        }
        const auto report = sb::makeSweepReport(plan);
        QCOMPARE(report.cellsDone, 6);
        QCOMPARE(report.sizes, (std::vector<double>{5, 25}));
        // Rows: teacher a once, then per ensemble ("b", "a+b") the student.
        QCOMPARE(report.rows.size(), size_t(3));
        QCOMPARE(report.rows[0].model, std::string("a"));
        QCOMPARE(report.rows[0].ensemble, std::string(""));
        QCOMPARE(report.rows[1].ensemble, std::string("b"));
        QCOMPARE(report.rows[2].ensemble, std::string("a+b"));
        const auto& teacher5 = *report.rows[0].bySize[0];
        QCOMPARE(teacher5.values.size(), size_t(2));  // seeds 1 and 7, not once per ensemble
        const double m = (acc(1, 5, 1, 0) + acc(1, 5, 7, 0)) / 2;
        QVERIFY(std::abs(teacher5.mean - m) < 1e-12);
        const double sd = std::sqrt((std::pow(acc(1, 5, 1, 0) - m, 2) + std::pow(acc(1, 5, 7, 0) - m, 2)) / 1);
        QVERIFY(std::abs(teacher5.std - sd) < 1e-12);
        const auto& student25 = *report.rows[2].bySize[1];  // only seed 1 finished at 25 %
        QCOMPARE(student25.seeds, std::vector<int>{1});
        QCOMPARE(student25.std, 0.0);
        QCOMPARE(student25.seen, 0.5);
        const double studentMean5 = (acc(2, 5, 1, 2) + acc(2, 5, 7, 2)) / 2;
        QVERIFY(std::abs(*report.rows[2].sizeMean - (studentMean5 + acc(2, 25, 1, 2)) / 2) < 1e-12);
        const auto json = sb::reportJson(report);
        QCOMPARE(json["rows"][0]["by_percent"]["5"]["seeds"], nlohmann::json({1, 7}));
        QVERIFY(sb::reportCsv(report).find("\"a+b\",\"student\",25,1,") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_Sweep.moc"
