// Tests of `scenebench-cli model inspect` and `model forward`, run as a user would run
// them (QProcess on the built binary), against the reference TF-SepNet-64 outputs.
#include "core/common/Npy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

namespace {

const QString kRef = QStringLiteral(SCENEBENCH_TEST_DATA "/reference/");

struct Result {
    int exitCode = -1;
    QByteArray out, err;
};

Result cli(const QStringList& args)
{
    QProcess p;
    p.setProgram(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"));
    p.setArguments(args);
    p.start();
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

}  // namespace

class TestModelCli : public QObject {
    Q_OBJECT
private slots:
    void inspectJson()
    {
        const Result r = cli({"model", "inspect", "--arch", "tfsepnet", "--width", "64", "--depth", "17", "--mels",
                              "512", "--frames", "65", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value("params").toInteger(), qint64(126858));
        QCOMPARE(o.value("macs").toInteger(), qint64(30734848));
        QCOMPARE(o.value("bytes_fp32").toInteger(), qint64(507432));
        QCOMPARE(o.value("bytes_fp16").toInteger(), qint64(253716));
        QCOMPARE(o.value("bytes_int8").toInteger(), qint64(126858));
        const QJsonArray layers = o.value("layers").toArray();
        QVERIFY(!layers.isEmpty());
        QCOMPARE(layers.first().toObject().value("name").toString(), QStringLiteral("conv_layers.0._conv"));
        QCOMPARE(o.value("within_limits").toBool(), false);
    }

    void inspectCheckpointDetectsTfSepNet()
    {
        const Result r = cli({"model", "inspect", "--checkpoint", kRef + "tfsepnet64_state_dict.pt", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value("params").toInteger(), qint64(126858));
        QCOMPARE(o.value("model").toString(), QStringLiteral("TF-SepNet-64 (depth 17)"));
        QCOMPARE(o.value("macs").toInteger(), qint64(30734848));  // 512 × 65 by default, as the seed code counts
        QCOMPARE(o.value("input_shape").toArray().last().toInt(), 65);
        // 64 frames (what one second of CpMel really gives): 29,413,888 MACs, within the limits.
        const Result r64 = cli({"model", "inspect", "--checkpoint", kRef + "tfsepnet64_state_dict.pt", "--frames",
                                "64", "--json"});
        QVERIFY2(r64.exitCode == 0, r64.err.constData());
        const QJsonObject o64 = QJsonDocument::fromJson(r64.out).object();
        QCOMPARE(o64.value("macs").toInteger(), qint64(29413888));
        QCOMPARE(o64.value("within_limits").toBool(), true);
    }

    void inspectTable()
    {
        const Result r = cli({"model", "inspect", "--arch", "tfsepnet"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("TF-SepNet-64 (depth 17), input (1, 1, 512, 65)"));
        QVERIFY(r.out.contains("middle_layers.1.trans_conv._conv"));
        QVERIFY(r.out.contains("126,858"));
        QVERIFY(r.out.contains("30,734,848"));
        QVERIFY(r.out.contains("verdict: exceeds the Task 1 limits"));
    }

    void inspectBeatsCheckpoint()
    {
        const Result r = cli({"model", "inspect", "--checkpoint", kRef + "beats_tiny.pt", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value("model").toString(), QStringLiteral("BEATs 3 x 64 (4 heads)"));
        QCOMPARE(o.value("input_shape").toArray().at(1).toInt(), 98);
        // beats.md: N = 48 tokens for 1 s; patch conv, projection, position conv (N + 1 outputs
        // before SamePad), per layer q/k/v/out, the gate and the feed-forward pair.
        const qint64 n = 48;
        QCOMPARE(o.value("macs").toInteger(), n * 32 * 256 + n * 32 * 64 + (n + 1) * 64 * 4 * 16 +
                                                  3 * (4 * n * 64 * 64 + 2 * n * 64 * 128 + n * 4 * 16 * 8));
        QCOMPARE(cli({"model", "inspect", "--checkpoint", kRef + "beats_tiny.pt", "--mels", "64"}).exitCode, 2);
    }

    void forwardBeatsMatchesReference_data()
    {
        QTest::addColumn<QString>("clip");
        QTest::newRow("1 s") << QStringLiteral("1s");
        QTest::newRow("10 s") << QStringLiteral("10s");
    }
    void forwardBeatsMatchesReference()
    {
        QFETCH(QString, clip);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("features.npy"));
        const QString emb = dir.filePath(QStringLiteral("emb.npy"));
        const Result r = cli({"model", "forward", "--checkpoint", kRef + "beats_tiny.pt", "--input",
                              kRef + "beats_wave_" + clip + "_16k.npy", "--out", out, "--embedding", emb});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto got = sb::readNpy(out.toStdString());
        const auto want = sb::readNpy((kRef + "beats_tiny_features_" + clip + ".npy").toStdString());
        QCOMPARE(got.shape, want.shape);
        const auto g = got.toFloat(), w = want.toFloat();
        float scale = 1.f, worst = 0.f;
        for (float v : w) scale = std::max(scale, std::fabs(v));
        for (size_t i = 0; i < g.size(); ++i) worst = std::max(worst, std::fabs(g[i] - w[i]));
        // Through SceneBench's own Kaldi fbank, which is within 1e-3 of torchaudio's.
        QVERIFY2(worst < 2e-3f * scale, qPrintable(QString::number(double(worst))));
        QCOMPARE(sb::readNpy(emb.toStdString()).shape, (std::vector<int64_t>{want.shape[0], want.shape[2]}));
    }

    void helpDescribesBothCommands()
    {
        const Result inspect = cli({"model", "inspect", "--help"});
        QCOMPARE(inspect.exitCode, 0);
        QVERIFY(inspect.out.contains("--checkpoint FILE"));
        const Result forward = cli({"model", "forward", "--help"});
        QCOMPARE(forward.exitCode, 0);
        QVERIFY(forward.out.contains("--embedding E.npy"));
    }

    void forwardMatchesReference()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("logits.npy"));
        const QString emb = dir.filePath(QStringLiteral("emb.npy"));
        const Result r = cli({"model", "forward", "--checkpoint", kRef + "tfsepnet64_state_dict.pt", "--input",
                              kRef + "tfsepnet64_input.npy", "--out", out, "--embedding", emb});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto got = sb::readNpy(out.toStdString());
        const auto want = sb::readNpy((kRef + "tfsepnet64_logits.npy").toStdString());
        QCOMPARE(got.shape, want.shape);
        const auto g = got.toFloat(), w = want.toFloat();
        for (size_t i = 0; i < g.size(); ++i) QVERIFY(std::fabs(g[i] - w[i]) < 1e-4f);
        QCOMPARE(sb::readNpy(emb.toStdString()).shape, (std::vector<int64_t>{2, 160}));
    }

    void badInputExitsWithTwo()
    {
        QTemporaryDir dir;
        const Result missing = cli({"model", "forward", "--checkpoint", kRef + "missing.pt", "--input",
                                    kRef + "tfsepnet64_input.npy", "--out", dir.filePath(QStringLiteral("y.npy"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("missing.pt"));
        // A BEATs-shaped array given to TF-SepNet: the message names the shape.
        const Result wrongShape = cli({"model", "forward", "--checkpoint", kRef + "tfsepnet64_state_dict.pt",
                                       "--input", kRef + "beats_fbank_1s.npy", "--out",
                                       dir.filePath(QStringLiteral("y.npy"))});
        QCOMPARE(wrongShape.exitCode, 2);
        QVERIFY(wrongShape.err.contains("(2, 98, 128)"));
        const Result badWidth = cli({"model", "inspect", "--arch", "tfsepnet", "--width", "30"});
        QCOMPARE(badWidth.exitCode, 2);
        QVERIFY(badWidth.err.contains("--width must be a multiple of 4"));
        const Result badArch = cli({"model", "inspect", "--arch", "resnet"});
        QCOMPARE(badArch.exitCode, 2);
        QVERIFY(badArch.err.contains("'resnet'"));
        QCOMPARE(cli({"model", "inspect"}).exitCode, 2);
        QCOMPARE(cli({"model", "inspect", "--arch", "tfsepnet", "--checkpoint", kRef + "beats_tiny.pt"}).exitCode, 2);
        // The weights say width 64: asking for 32 is refused, naming the checkpoint.
        const Result wrongWidth = cli({"model", "forward", "--checkpoint", kRef + "tfsepnet64_state_dict.pt",
                                       "--width", "32", "--input", kRef + "tfsepnet64_input.npy", "--out",
                                       dir.filePath(QStringLiteral("y.npy"))});
        QCOMPARE(wrongWidth.exitCode, 2);
        QVERIFY(wrongWidth.err.contains("TF-SepNet-64"));
        // A label array (int64) is not a batch of features.
        const Result wrongType = cli({"model", "forward", "--checkpoint", kRef + "tfsepnet64_state_dict.pt",
                                      "--input", kRef + "kd_labels.npy", "--out", dir.filePath(QStringLiteral("y.npy"))});
        QCOMPARE(wrongType.exitCode, 2);
        QVERIFY(wrongType.err.contains("float32"));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("y.npy"))));
    }
};

QTEST_GUILESS_MAIN(TestModelCli)
#include "tst_ModelCli.moc"
