// Tests of `scenebench-cli model inspect`, `model forward` and `model quantize`, run as a
// user would run them (QProcess on the built binary), against the reference TF-SepNet-64
// outputs.
#include "core/common/Npy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QFile>
#include <QLocale>
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

    void quantizeInspectForwardEval()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("tiny-demo")), out = dir.filePath(QStringLiteral("int8.pt"));
        QCOMPARE(cli({"demo-data", "--out", data, "--size", "tiny", "--threads", "2"}).exitCode, 0);
        const Result q = cli({"model", "quantize", "--checkpoint", kRef + "tfsepnet64_state_dict.pt", "--dataset", data,
                              "--out", out, "--calibration", "16", "--split", "100", "--mels", "512", "--seed", "2",
                              "--eval-out", dir.filePath(QStringLiteral("eval")), "--threads", "2"});
        QVERIFY2(q.exitCode == 0, q.err.constData());
        QVERIFY(q.out.contains("calibrated on 16 of 220 clips"));

        // The bytes from the float network's layer table: one per conv weight (the classifier's
        // 10 biases are in its row), 4 + 4 per output channel, 4 + 1 per quantisation point:
        // input, 43 conv outputs, 5 ResNorms, 3 per TF-Sep block (9), logits.
        const Result f = cli({"model", "inspect", "--arch", "tfsepnet", "--json"});
        qint64 weights = -10, channels = 0, convs = 0;
        for (const auto& layer : QJsonDocument::fromJson(f.out).object().value("layers").toArray()) {
            const QJsonObject l = layer.toObject();
            if (l.value("type").toString() != QStringLiteral("Conv2d")) continue;
            weights += l.value("params").toInteger();
            channels += l.value("output_shape").toArray().at(1).toInteger();
            ++convs;
        }
        QCOMPARE(convs, qint64(43));
        const qint64 bytes = weights + 8 * channels + 5 * (1 + convs + 5 + 3 * 9 + 1);
        const QString grouped = QLocale(QLocale::English, QLocale::UnitedStates).toString(bytes);  // 143,633
        QVERIFY2(q.out.contains(("parameter memory: " + grouped).toUtf8()), q.out.constData());
        const Result i = cli({"model", "inspect", "--checkpoint", out, "--json"});
        QVERIFY2(i.exitCode == 0, i.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(i.out).object();
        QCOMPARE(o.value("int8_model_bytes").toInteger(), bytes);
        QCOMPARE(o.value("int8_model_bytes_detail").toObject().value("weights").toInteger(), weights);
        QCOMPARE(o.value("int8_model_within_limit").toBool(), bytes <= 128 * 1024);
        QCOMPARE(o.value("model").toString(), QStringLiteral("TF-SepNet-64 (depth 17), int8"));
        QCOMPARE(QJsonDocument::fromJson(f.out).object().value("int8_model_bytes").toInteger(), bytes);

        // The int8 model runs on the reference input; its logits stay near the float model's.
        const QString logits = dir.filePath(QStringLiteral("logits.npy"));
        const Result r =
            cli({"model", "forward", "--checkpoint", out, "--input", kRef + "tfsepnet64_input.npy", "--out", logits});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto g = sb::readNpy(logits.toStdString()).toFloat();
        const auto w = sb::readNpy((kRef + "tfsepnet64_logits.npy").toStdString()).toFloat();
        const auto [lo, hi] = std::minmax_element(w.begin(), w.end());
        float worst = 0;
        for (size_t k = 0; k < g.size(); ++k) worst = std::max(worst, std::fabs(g[k] - w[k]));
        QVERIFY2(worst < 0.1f * (*hi - *lo), qPrintable(QString::number(double(worst))));

        // --eval-out: both models on the test fold, the int8 one with its drop.
        QFile file(dir.filePath(QStringLiteral("eval/summary.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject summary = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject floatModel = summary.value("tfsepnet64_state_dict").toObject();
        const QJsonObject int8 = summary.value("tfsepnet64_state_dict-int8").toObject();
        QCOMPARE(int8.value("accuracy_drop").toDouble(),
                 floatModel.value("accuracy").toDouble() - int8.value("accuracy").toDouble());
        QCOMPARE(int8.value("parameter_bytes").toInteger(), bytes);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("eval/models/tfsepnet64_state_dict-int8/confusion.json"))));
        QVERIFY(q.out.contains("int8 drop pp"));
        // An int8 checkpoint is not quantised again.
        const Result again = cli({"model", "quantize", "--checkpoint", out, "--dataset", data, "--out",
                                  dir.filePath(QStringLiteral("again.pt"))});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains("already an int8"), again.err.constData());
    }

    void quantizeBadInputExitsWithTwo()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("int8.pt"));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("full"))));
        QFile occupant(dir.filePath(QStringLiteral("full/x")));
        QVERIFY(occupant.open(QIODevice::WriteOnly));
        occupant.close();
        const QString student = kRef + "tfsepnet64_state_dict.pt";
        auto quantize = [&](const QString& checkpoint, const QStringList& more) {
            return cli(QStringList{"model", "quantize", "--checkpoint", checkpoint, "--dataset",
                                   dir.filePath(QStringLiteral("no-dataset")), "--out", out} + more);
        };
        const struct {
            Result result;
            const char* mention;
        } cases[] = {
            {quantize(kRef + "missing.pt", {}), "missing.pt"},
            {quantize(kRef + "beats_tiny.pt", {}), "only a TF-SepNet student"},
            {quantize(student, {}), "no-dataset"},
            {quantize(student, {"--calibration", "0"}), "--calibration"},
            {quantize(student, {"--split", "7"}), "--split"},
            {quantize(student, {"--eval-out", dir.filePath(QStringLiteral("full"))}), "--eval-out"},
            {cli({"model", "quantize", "--checkpoint", student, "--dataset", "demo", "--out",
                  dir.filePath(QStringLiteral("nowhere/int8.pt"))}),
             "--out"},
        };
        for (const auto& c : cases) {
            QCOMPARE(c.result.exitCode, 2);
            QVERIFY2(c.result.err.contains(c.mention), c.result.err.constData());
        }
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestModelCli)
#include "tst_ModelCli.moc"
