// Tests of what every inspection view stands on: the shared current-clip selection
// (WorkbenchContext), a run's clip names resolved to its audio, and the one clip player
// refusing missing and unreadable files with a message instead of crashing.
#include "RunFixture.h"
#include "ui/audio/ClipPlayer.h"
#include "ui/jobs/JobBridge.h"
#include "ui/main/Theme.h"
#include "ui/workbench/WorkbenchContext.h"
#include "ui/workbench/WorkbenchView.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using sb::ui::ClipRef;
using sb::ui::WorkbenchContext;

namespace {

class ProbeView : public sb::ui::WorkbenchView {
public:
    using WorkbenchView::WorkbenchView;
    QString key() const override { return QStringLiteral("probe"); }
    QString title() const override { return QStringLiteral("Probe"); }
    QStringList seen;

protected:
    void runChanged(const QString& d) override { seen << QStringLiteral("run:") + d; }
    void clipChanged(const ClipRef& c) override { seen << QStringLiteral("clip:") + c.filename; }
};

}  // namespace

class TestWorkbench : public QObject {
    Q_OBJECT
private slots:
    void sharedClipReachesEveryView()
    {
        sb::ui::JobBridge jobs;
        sb::ui::Theme theme;
        WorkbenchContext context(&jobs, &theme);
        ProbeView a(&context), b(&context);
        QSignalSpy changed(&context, &WorkbenchContext::clipChanged);
        ClipRef clip;
        clip.filename = QStringLiteral("audio/park-lyon-1-2-0-a.wav");
        context.setClip(clip);
        context.setClip(clip);  // unchanged: no second signal
        QCOMPARE(changed.count(), 1);
        context.setRunDirectory(QStringLiteral("/runs/x"));
        QCOMPARE(a.seen, (QStringList{QStringLiteral("clip:audio/park-lyon-1-2-0-a.wav"), QStringLiteral("run:/runs/x")}));
        QCOMPARE(b.seen, a.seen);
    }

    void clipFromRunFindsTheAudio()
    {
        QTemporaryDir dir;
        RunFixtureParams p;
        p.runDirectory = dir.filePath(QStringLiteral("run"));
        p.audioFolder = dir.filePath(QStringLiteral("data"));
        p.clipsPerSceneDevice = 1;
        const RunFixture run = RunFixture::write(p);
        sb::ui::JobBridge jobs;
        sb::ui::Theme theme;
        WorkbenchContext context(&jobs, &theme);
        context.setRunDirectory(run.runDirectory);
        const ClipRef clip = context.clipFromRun(run.clips.at(5));
        QCOMPARE(clip.audioPath, QDir(p.audioFolder).filePath(run.clips.at(5)));
        QVERIFY(QFileInfo(clip.audioPath).isFile());
        QCOMPARE(clip.scene, QStringLiteral("airport"));
        QCOMPARE(clip.device, QStringLiteral("s3"));
        QVERIFY(sb::ui::ClipPlayer::checkReadable(clip.audioPath).isEmpty());
    }

    // TAU22 audio as distributed: 24-bit PCM, mono, 44.1 kHz.
    void tauWavIsReadable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("airport-lisbon-1000-40000-0-a.wav"));
        const quint32 rate = 44100, frames = 4410, dataBytes = frames * 3;
        QByteArray wav;
        QDataStream out(&wav, QIODevice::WriteOnly);
        out.setByteOrder(QDataStream::LittleEndian);
        out.writeRawData("RIFF", 4);
        out << quint32(36 + dataBytes);
        out.writeRawData("WAVEfmt ", 8);
        out << quint32(16) << quint16(1) << quint16(1) << rate << quint32(rate * 3) << quint16(3) << quint16(24);
        out.writeRawData("data", 4);
        out << dataBytes;
        for (quint32 i = 0; i < frames; ++i) {
            const qint32 v = qint32(4000000 * std::sin(2 * M_PI * 440.0 * i / rate));
            out << quint8(v & 0xff) << quint8((v >> 8) & 0xff) << quint8((v >> 16) & 0xff);
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(wav);
        file.close();
        QCOMPARE(sb::ui::ClipPlayer::checkReadable(path), QString());
    }

    void playerRefusesBadFilesWithAMessage()
    {
        QTemporaryDir dir;
        sb::ui::ClipPlayer player;
        QSignalSpy failed(&player, &sb::ui::ClipPlayer::failed);
        QVERIFY(!player.play(dir.filePath(QStringLiteral("missing.wav"))));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("no such file")));
        QFile junk(dir.filePath(QStringLiteral("junk.wav")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("RIFF....not audio at all");
        junk.close();
        QVERIFY(!player.play(junk.fileName()));
        QCOMPARE(failed.count(), 2);
        QVERIFY(failed.at(1).at(0).toString().contains(QStringLiteral("not a readable audio file")));
        QCOMPARE(player.currentPath(), junk.fileName());
    }
};

QTEST_MAIN(TestWorkbench)
#include "tst_Workbench.moc"
