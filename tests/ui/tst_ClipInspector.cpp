// Tests of the Clip inspector on a synthetic finished run (RunFixture, 1-s 16 kHz WAVs):
// the waveform, the BEATs fbank and the student's CpMel equal what the core front ends
// give for the same file (computed here independently), every model's prediction equals
// the clip's line of its predictions.csv (parsed here), a deleted WAV is a message while
// the predictions still show, the playback cursor follows the player, the CSV export,
// and the prediction model under QAbstractItemModelTester.
#include "RunFixture.h"
#include "core/audio/AudioFile.h"
#include "core/audio/AudioLoading.h"
#include "core/features/CpMel.h"
#include "core/features/KaldiFbank.h"
#include "core/results/RunRecord.h"
#include "ui/audio/ClipPlayer.h"
#include "ui/inspector/ClipInspector.h"
#include "ui/inspector/FeatureImagePlot.h"
#include "ui/inspector/PredictionTableModel.h"
#include "ui/jobs/JobBridge.h"
#include "ui/main/Theme.h"
#include "ui/plots/PlotWidget.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>
#include <map>

using sb::ui::ClipInspector;
using sb::ui::PredictionTableModel;

// The play icon lives in sb_ui_base's icons.qrc (a static library's resources need this).
void initIcons() { Q_INIT_RESOURCE(icons); }

namespace {

struct Expected {
    QString predicted;
    double probability = 0;
};

// model -> the clip's predicted label and that label's probability, read straight from
// each models/<model>/predictions.csv (tab separated: filename, scene_label, one column per scene).
std::map<QString, Expected> expectedPredictions(const QString& runDirectory, const QString& filename)
{
    std::map<QString, Expected> expected;
    const QDir models(QDir(runDirectory).filePath(QStringLiteral("models")));
    for (const QString& model : models.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile file(models.filePath(model + QStringLiteral("/predictions.csv")));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) continue;
        const QStringList header = QString::fromUtf8(file.readLine()).trimmed().split(QLatin1Char('\t'));
        while (!file.atEnd()) {
            const QStringList fields = QString::fromUtf8(file.readLine()).trimmed().split(QLatin1Char('\t'));
            if (fields.value(0) != filename) continue;
            const qsizetype column = header.indexOf(fields.at(1));
            expected[model] = {fields.at(1), fields.value(column).toDouble()};
        }
    }
    return expected;
}

// Waits for the inspector to finish the current clip (the signal may already be in).
bool waitFor(QSignalSpy& spy) { return !spy.isEmpty() || spy.wait(20000); }

void compareImage(const sb::ui::FeatureImagePlot& plot, const sb::FeatureMatrix& m, bool framesAreRows)
{
    const int frames = int(framesAreRows ? m.rows : m.cols), bins = int(framesAreRows ? m.cols : m.rows);
    QCOMPARE(plot.frames(), frames);
    QCOMPARE(plot.bins(), bins);
    QCOMPARE(plot.colorMap()->data()->keySize(), frames);
    QCOMPARE(plot.colorMap()->data()->valueSize(), bins);
    QVERIFY(!plot.colorMap()->interpolate());
    const QString title = qobject_cast<QCPTextElement*>(plot.plot()->plotLayout()->element(0, 0))->text();
    QVERIFY2(title.contains(QStringLiteral("%1 frames × %2 mel bins").arg(frames).arg(bins)), qPrintable(title));
    for (const auto& [f, b] : {std::pair{0, 0}, std::pair{frames / 2, bins / 3}, std::pair{frames - 1, bins - 1}}) {
        const float want = framesAreRows ? m.at(f, b) : m.at(b, f);
        QCOMPARE(float(plot.value(f, b)), want);
    }
}

}  // namespace

class TestClipInspector : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        initIcons();
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        RunFixtureParams p;
        p.runDirectory = dir_.filePath(QStringLiteral("run"));
        p.audioFolder = dir_.filePath(QStringLiteral("data"));
        p.clipsPerSceneDevice = 1;
        run_ = RunFixture::write(p);
    }

    void showsWhatEachModelSees()
    {
        Setup s(run_.runDirectory);
        QAbstractItemModelTester tester(s.view.predictionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shown(&s.view, &ClipInspector::clipShown);
        const sb::ui::ClipRef clip = s.context.clipFromRun(run_.clips.at(5));
        s.context.setClip(clip);
        QVERIFY(waitFor(shown));
        QCOMPARE(shown.at(0).at(0).toString(), clip.audioPath);
        QVERIFY(s.view.messageText().isEmpty());

        // The waveform: every sample of the 1-s WAV (fewer than the 20k drawing limit).
        const std::string path = clip.audioPath.toStdString();
        const sb::AudioInfo info = sb::probeAudio(path);
        QCOMPARE(s.view.sampleCount(), qint64(info.frames));
        QCOMPARE(s.view.sampleRate(), info.sampleRate);
        QCOMPARE(qint64(s.view.waveformPlot()->plot()->graph(0)->dataCount()), qint64(info.frames));

        // The teachers' fbank and the student's CpMel, computed here by the same core calls.
        const sb::KaldiFbank fbank;
        compareImage(*s.view.fbankPlot(), fbank.compute(sb::loadMonoAt(path, 16000).samples), true);
        sb::CpMelParams mel;
        mel.numMels = sb::RunRecord::load(run_.runDirectory.toStdString()).config.student.mels;
        compareImage(*s.view.cpmelPlot(), sb::CpMel(mel).compute(sb::loadMonoAt(path, 32000).samples), false);

        // One row per model, equal to the clip's line of each predictions.csv.
        const auto expected = expectedPredictions(run_.runDirectory, clip.filename);
        PredictionTableModel* model = s.view.predictionModel();
        QCOMPARE(model->rowCount(), int(expected.size()));
        QVERIFY(model->rowCount() >= 5);
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString name = model->index(r, 0).data(PredictionTableModel::ModelRole).toString();
            QVERIFY2(expected.count(name), qPrintable(name));
            const QModelIndex index = model->index(r, PredictionTableModel::PredictedColumn);
            QCOMPARE(index.data(PredictionTableModel::PredictedRole).toString(), expected.at(name).predicted);
            QVERIFY(std::abs(index.data(PredictionTableModel::ProbabilityRole).toDouble() - expected.at(name).probability) < 1e-6);
            QCOMPARE(index.data(PredictionTableModel::CorrectRole).toBool(), expected.at(name).predicted == clip.scene);
            const QString top = index.data(PredictionTableModel::TopRole).toString();
            QCOMPARE(top.count(QLatin1Char(',')), 2);
            QVERIFY(top.startsWith(expected.at(name).predicted + QLatin1Char(' ')));
        }
        QVERIFY(s.view.trueLabelText().contains(clip.scene));

        // Another clip: the table follows (the run's predictions are cached).
        shown.clear();
        const sb::ui::ClipRef other = s.context.clipFromRun(run_.clips.at(40));
        s.context.setClip(other);
        QVERIFY(waitFor(shown));
        QCOMPARE(model->rowCount(), int(expectedPredictions(run_.runDirectory, other.filename).size()));
        QVERIFY(s.view.trueLabelText().contains(other.scene));
    }

    void missingAudioIsAMessage()
    {
        Setup s(run_.runDirectory);
        QSignalSpy failed(&s.view, &ClipInspector::clipFailed);
        QSignalSpy status(&s.context, &sb::ui::WorkbenchContext::message);
        const sb::ui::ClipRef clip = s.context.clipFromRun(run_.clips.at(7));
        QVERIFY(QFile::remove(clip.audioPath));
        s.context.setClip(clip);
        QVERIFY(waitFor(failed));
        QVERIFY2(s.view.messageText().contains(QStringLiteral("does not exist")), qPrintable(s.view.messageText()));
        QVERIFY(!status.isEmpty());
        QVERIFY(status.last().at(1).toBool());  // an error in the status bar
        QCOMPARE(s.view.waveformPlot()->plot()->graph(0)->dataCount(), 0);
        QCOMPARE(s.view.fbankPlot()->frames(), 0);
        QVERIFY(!s.view.fbankPlot()->placeholder().isEmpty());
        // The predictions come from the run: still listed.
        QCOMPARE(s.view.predictionModel()->rowCount(), int(expectedPredictions(run_.runDirectory, clip.filename).size()));
        QVERIFY(s.view.predictionModel()->rowCount() >= 5);
        // Play refuses it with a message, no crash.
        status.clear();
        s.view.togglePlayback();
        QVERIFY(!status.isEmpty());
        QVERIFY(status.last().at(1).toBool());
    }

    void cursorFollowsThePlayer()
    {
        Setup s(run_.runDirectory);
        QSignalSpy shown(&s.view, &ClipInspector::clipShown);
        s.context.setClip(s.context.clipFromRun(run_.clips.at(12)));
        QVERIFY(waitFor(shown));
        QVERIFY(!s.view.cursorVisible());
        s.view.togglePlayback();  // plays, or (no audio output here) reports why; either way this clip is the player's
        sb::ui::ClipPlayer* player = s.context.player();
        emit player->positionChanged(0.5);
        QVERIFY(s.view.cursorVisible());
        QCOMPARE(s.view.cursorSeconds(), 0.5);
        emit player->positionChanged(0.75);
        QCOMPARE(s.view.cursorSeconds(), 0.75);
        emit player->stopped();
        QVERIFY(!s.view.cursorVisible());
        // Positions of another clip (played from another view) do not move it.
        player->toggle(s.context.clipFromRun(run_.clips.at(13)).audioPath);
        emit player->positionChanged(0.25);
        QVERIFY(!s.view.cursorVisible());
    }

    void exportsTheClip()
    {
        Setup s(run_.runDirectory);
        QSignalSpy shown(&s.view, &ClipInspector::clipShown);
        s.context.setClip(s.context.clipFromRun(run_.clips.at(3)));
        QVERIFY(waitFor(shown));
        QTemporaryDir out;
        QStringList written, errors;
        s.view.exportData(out.path(), &written, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(written.size(), 4);
        auto lines = [&](const QString& name) {
            QFile f(out.filePath(name));
            return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts) : QStringList{};
        };
        QCOMPARE(lines(QStringLiteral("clip-inspector-predictions.csv")).size(), s.view.predictionModel()->rowCount() + 1);
        QCOMPARE(lines(QStringLiteral("clip-inspector-waveform.csv")).size(), int(s.view.sampleCount()) + 1);
        const sb::ui::FeatureImagePlot* fb = s.view.fbankPlot();
        QCOMPARE(lines(QStringLiteral("clip-inspector-fbank.csv")).size(), fb->frames() * fb->bins() + 1);
        const QStringList cpmel = lines(QStringLiteral("clip-inspector-cpmel.csv"));
        QCOMPARE(cpmel.size(), s.view.cpmelPlot()->frames() * s.view.cpmelPlot()->bins() + 1);
        QCOMPARE(cpmel.at(0), QStringLiteral("frame,bin,value"));
        QCOMPARE(s.view.state().value(QStringLiteral("clip")).toString(), run_.clips.at(3));
    }

    void withoutARunTheImagesStillShow()
    {
        // No run: the student's default 256 bins, and no predictions to list.
        sb::ui::JobBridge jobs;
        sb::ui::Theme theme;
        sb::ui::WorkbenchContext context(&jobs, &theme);
        ClipInspector view(&context);
        QSignalSpy shown(&view, &ClipInspector::clipShown);
        sb::ui::ClipRef clip;
        clip.filename = run_.clips.at(20);
        clip.audioPath = QDir(dir_.filePath(QStringLiteral("data"))).filePath(clip.filename);
        context.setClip(clip);
        QVERIFY(waitFor(shown));
        QCOMPARE(view.cpmelPlot()->bins(), 256);
        QCOMPARE(view.predictionModel()->rowCount(), 0);
        QVERIFY(view.trueLabelText().contains(QStringLiteral("No run")));
    }

    void longClipIsThinnedNotResampled()
    {
        // 3 s at 44.1 kHz: the waveform keeps the file's rate, drawn and exported from at
        // most 20k points that keep the peaks; each front end resamples to its own rate.
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("long.wav"));
        std::vector<float> samples(3 * 44100);
        for (size_t i = 0; i < samples.size(); ++i) samples[i] = 0.5f * float(std::sin(double(i) * 0.05));
        samples[100000] = 0.9f;  // one peak the thinning must keep
        sb::writeWav16(path.toStdString(), samples, 44100);
        sb::ui::JobBridge jobs;
        sb::ui::Theme theme;
        sb::ui::WorkbenchContext context(&jobs, &theme);
        ClipInspector view(&context);
        QSignalSpy shown(&view, &ClipInspector::clipShown);
        sb::ui::ClipRef clip;
        clip.filename = QStringLiteral("long.wav");
        clip.audioPath = path;
        context.setClip(clip);
        QVERIFY(waitFor(shown));
        QCOMPARE(view.sampleCount(), qint64(samples.size()));
        QCOMPARE(view.sampleRate(), 44100);
        const QCPGraph* wave = view.waveformPlot()->plot()->graph(0);
        QVERIFY(wave->dataCount() <= 20000 && wave->dataCount() > 10000);
        bool found = false;
        const QCPRange values = wave->getValueRange(found);
        QVERIFY(found && std::abs(values.upper - 0.9) < 1e-3);
        const sb::KaldiFbank fbank;
        compareImage(*view.fbankPlot(), fbank.compute(sb::loadMonoAt(path.toStdString(), 16000).samples), true);
        QTemporaryDir out;
        QStringList written, errors;
        view.exportData(out.path(), &written, &errors);
        QFile csv(out.filePath(QStringLiteral("clip-inspector-waveform.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(csv.readAll()).count(QLatin1Char('\n')), wave->dataCount() + 1);
    }

private:
    struct Setup {
        explicit Setup(const QString& run) : context(&jobs, &theme), view(&context) { context.setRunDirectory(run); }
        sb::ui::JobBridge jobs;
        sb::ui::Theme theme;
        sb::ui::WorkbenchContext context;
        ClipInspector view;
    };

    QTemporaryDir dir_;
    RunFixture run_;
};

QTEST_MAIN(TestClipInspector)
#include "tst_ClipInspector.moc"
