// The robustness suite (issue 13): over a thousand generated bad inputs, four families
// (audio files, dataset lists, experiment files, checkpoints), each run through the
// product's reader in an isolated child process. Every one must end in a clear error
// naming the file or field: no crash, no hang, no huge allocation, no partial output, no
// changed user file, no hostile marker. A sample also goes through scenebench-cli.
// Figures are printed; docs/robustness.md explains the design.
#include <torch/torch.h>  // before Qt: Qt's keywords break LibTorch headers

#include "AudioCases.h"
#include "CaseRunner.h"
#include "CheckpointCases.h"
#include "CliSample.h"
#include "CsvCases.h"
#include "ExperimentCases.h"
#include "WavBytes.h"

#include "core/common/Npy.h"
#include "core/experiment/ExperimentFile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

namespace fs = std::filesystem;
using namespace sb::robust;

namespace {

constexpr uint32_t kSeed = 20261203;
constexpr double kTimeoutSeconds = 10;
constexpr size_t kCliPerFamily = 10;

void writeFile(const fs::path& path, const std::string& bytes)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

struct Figures {
    size_t inputs = 0, controls = 0, controlsOk = 0, clear = 0, crashes = 0, hangs = 0, unclear = 0, partial = 0,
           changed = 0, hogs = 0, markers = 0;
    std::map<Family, size_t> perFamily;
    std::map<Family, double> familySeconds;
    double seconds = 0, slowest = 0;
    std::string slowestName;
};

}  // namespace

class TestRobustness : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        torch::set_num_threads(1);  // no torch thread pool may exist when the children fork
        QVERIFY(work_.isValid());
        const fs::path root = work_.path().toStdString();
        user_ = (root / "user").string();
        fs::create_directories(user_);
        // First, while this process is small: the runner forks the server of the children.
        runner_ = std::make_unique<CaseRunner>((root / "cases").string(), user_, kTimeoutSeconds);
        // A user's own files: the suite checks after every case that none changed.
        sb::writeExperiment(user_ + "/experiment.json", sb::readExperiment(SCENEBENCH_SOURCE_DIR "/projects/demo.json"));
        const float previous[] = {1, 2, 3, 4, 5, 6};
        sb::writeNpy(user_ + "/previous.npy", previous, {2, 3});
        fs::copy_file(SCENEBENCH_TEST_DATA "/checkpoints/parameters.pt", user_ + "/model.pt");
        writeFile(fs::path(user_) / "previous-run" / "summary.json", "{\"models\": {}}\n");
        const std::string audio = (root / "dataset-audio").string(), scratch = (root / "scratch").string();
        fs::create_directories(scratch);
        for (const auto& f : baseAudioFiles()) {
            WavSpec s;
            s.samples = pcm16(tone(441, 1, 44100));
            writeFile(fs::path(audio) / f, wavBytes(s));
        }
        std::mt19937 rng(kSeed);
        std::ifstream demo(SCENEBENCH_SOURCE_DIR "/projects/demo.json");
        const std::string demoText((std::istreambuf_iterator<char>(demo)), std::istreambuf_iterator<char>());
        for (auto part : {audioCases(rng, scratch), csvCases(rng, audio), experimentCases(rng, demoText),
                          checkpointCases(rng, SCENEBENCH_TEST_DATA, scratch)})
            for (auto& c : part) cases_.push_back(std::move(c));
        std::set<std::string> names;
        for (const auto& c : cases_) QVERIFY2(names.insert(c.name).second, ("duplicate case name " + c.name).c_str());
    }

    void everyBadInputEndsInAClearError()
    {
        std::vector<std::string> failures;
        for (const auto& c : cases_) {
            const CaseResult r = runner_->run(c);
            count(c, r);
            if (!r.clear) failures.push_back(c.name + ": " + r.problem);
        }
        qInfo("%s", figureLine(false).c_str());
        for (const auto& f : failures) qWarning("FAILED %s", f.substr(0, 2000).c_str());
        QCOMPARE(figures_.controlsOk, figures_.controls);
        for (const auto& [family, n] : figures_.perFamily) QVERIFY2(n >= 150, familyName(family));
        QVERIFY(figures_.inputs >= 1000);
        QCOMPARE(figures_.crashes, size_t(0));
        QCOMPARE(figures_.hangs, size_t(0));
        QCOMPARE(figures_.unclear, size_t(0));
        QCOMPARE(figures_.partial, size_t(0));
        QCOMPARE(figures_.changed, size_t(0));
        QCOMPARE(figures_.hogs, size_t(0));
        QCOMPARE(figures_.markers, size_t(0));
        QCOMPARE(figures_.clear, figures_.inputs);
    }

    void cliSampleExitsWithCode2()
    {
        CliSample sample(*runner_, user_);
        cli_ = sample.run(cases_, kCliPerFamily);
        size_t ok = 0;
        for (const auto& r : cli_) {
            ok += r.ok;
            if (!r.ok) qWarning("CLI FAILED %s: %s", r.name.c_str(), r.problem.substr(0, 2000).c_str());
        }
        qInfo("%s", figureLine(true).c_str());
        QCOMPARE(cli_.size(), 4 * kCliPerFamily);
        QCOMPARE(ok, cli_.size());
    }

private:
    void count(const RobustCase& c, const CaseResult& r)
    {
        Figures& f = figures_;
        f.seconds += r.seconds;
        if (r.seconds > f.slowest) {
            f.slowest = r.seconds;
            f.slowestName = c.name;
        }
        if (c.valid) {
            ++f.controls;
            f.controlsOk += r.clear;
            return;
        }
        ++f.inputs;
        ++f.perFamily[c.family];
        f.familySeconds[c.family] += r.seconds;
        f.clear += r.clear;
        f.crashes += r.crashed;
        f.hangs += r.hung;
        f.unclear += r.unclear;
        f.partial += r.partialOutput;
        f.changed += r.userFilesChanged;
        f.hogs += r.memoryHog;
        f.markers += r.marker;
    }

    std::string figureLine(bool withCli) const
    {
        const Figures& f = figures_;
        auto n = [](size_t v) { return std::to_string(v); };
        std::string line = "robustness: seed " + std::to_string(kSeed) + ", inputs " + n(f.inputs) + " (";
        for (const auto& [family, k] : f.perFamily)
            line += std::string(familyName(family)) + " " + n(k) + " in " + std::to_string(int(f.familySeconds.at(family))) + " s, ";
        line.resize(line.size() - 2);
        line += "), clear errors " + n(f.clear) + ", crashes " + n(f.crashes) + ", hangs " + n(f.hangs) + ", unclear " +
                n(f.unclear) + ", partial outputs " + n(f.partial) + ", user files changed " + n(f.changed) +
                ", memory hogs " + n(f.hogs) + ", markers " + n(f.markers) + "; controls " + n(f.controlsOk) + "/" +
                n(f.controls) + " loaded; " + std::to_string(int(f.seconds)) + " s in all, slowest " + f.slowestName + " " +
                std::to_string(int(f.slowest * 1000)) + " ms";
        if (withCli) {
            size_t ok = 0;
            for (const auto& r : cli_) ok += r.ok;
            line += "; cli sample " + n(ok) + "/" + n(cli_.size()) + " as expected";
        }
        return line;
    }

    QTemporaryDir work_;
    std::string user_;
    std::vector<RobustCase> cases_;
    std::unique_ptr<CaseRunner> runner_;
    Figures figures_;
    std::vector<CliResult> cli_;
};

QTEST_GUILESS_MAIN(TestRobustness)
#include "tst_Robustness.moc"
