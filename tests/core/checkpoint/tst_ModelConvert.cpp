// Tests of `scenebench-cli model convert`: exact round trips that stock PyTorch loads, and
// exit code 2 with a clear message for hostile or corrupt input.
#include "core/checkpoint/Checkpoint.h"

#include "TorchPeer.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kData = QStringLiteral(SCENEBENCH_TEST_DATA);

struct Run {
    int exitCode;
    QString out, err;
};

Run convert(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"), QStringList{"model", "convert"} + args);
    if (!p.waitForFinished(120000)) return {-1, {}, QStringLiteral("timed out")};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace

class TestModelConvert : public QObject {
    Q_OBJECT
private slots:
    void convertsBeatsExactly()
    {
        QTemporaryDir dir;
        const QString in = kData + "/reference/beats_tiny.pt";
        const QString out = dir.filePath(QStringLiteral("beats.pt"));
        const Run r = convert({in, out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("layout beats, 70 tensors"));
        const auto a = sb::readCheckpoint(in.toStdString());
        const auto b = sb::readCheckpoint(out.toStdString());
        QCOMPARE(b.layout, std::string("beats"));
        QCOMPARE(b.cfg, a.cfg);
        QCOMPARE(b.tensors.size(), a.tensors.size());
        for (size_t i = 0; i < a.tensors.size(); ++i) {
            QCOMPARE(b.tensors[i].first, a.tensors[i].first);
            QVERIFY(torch::equal(b.tensors[i].second, a.tensors[i].second));
        }
        if (!TorchPeer::available()) QSKIP("/usr/bin/python3 with torch is not installed (apt install python3-torch)");
        // BEATs cfg floats need BINFLOAT, which torch 1.13's weights_only unpickler lacks.
        QCOMPARE(TorchPeer::dump(out, false), TorchPeer::dump(in, false));
    }

    void convertsLightningToPlainStateDict()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("student.pt"));
        const Run r = convert({kData + "/checkpoints/lightning_tiny.ckpt", out, "--strip-prefix", "backbone."});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("util.data_augmentation.MixUp"));
        const auto ck = sb::readCheckpoint(out.toStdString());
        QCOMPARE(ck.layout, std::string("state_dict"));
        QCOMPARE(ck.tensors.front().first, std::string("0.weight"));
        if (!TorchPeer::available()) QSKIP("/usr/bin/python3 with torch is not installed (apt install python3-torch)");
        const auto seen = TorchPeer::dump(out, /*weightsOnly=*/true);
        const auto tensors = seen[QStringLiteral("tensors")].toArray();
        QCOMPARE(tensors.size(), qsizetype(ck.tensors.size()));
        for (qsizetype i = 0; i < tensors.size(); ++i) {
            const auto& [name, tensor] = ck.tensors[static_cast<size_t>(i)];
            QCOMPARE(tensors[i].toObject()[QStringLiteral("name")].toString().toStdString(), name);
            QCOMPARE(tensors[i].toObject()[QStringLiteral("hex")].toString(), TorchPeer::hexOf(tensor));
        }
    }

    void refusesHostileInput_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("os.system") << "os_system.pt" << "refused global 'posix.system'";
        QTest::newRow("truncated zip") << "truncated_zip.pt" << "truncated";
        QTest::newRow("stride past storage") << "stride_past_storage.pt" << "reaches past its storage";
    }

    void refusesHostileInput()
    {
        QFETCH(QString, file);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.pt"));
        const Run r = convert({kData + "/checkpoints/hostile/" + file, out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message) && r.err.contains(file), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/scenebench_pwned_by_checkpoint")));
    }

    void prefixThatMatchesNothingIsAnError()
    {
        QTemporaryDir dir;
        const Run r = convert({kData + "/reference/tfsepnet64_state_dict.pt", dir.filePath("x.pt"), "--strip-prefix", "model."});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("no tensor name starts with 'model.'"));
    }
};

QTEST_GUILESS_MAIN(TestModelConvert)
#include "tst_ModelConvert.moc"
