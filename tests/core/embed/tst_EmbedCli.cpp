// Tests of `scenebench-cli embed`, run as a user runs it (QProcess on the built binary):
// maps of tsne_small_x from a file and from a run directory, and the errors for bad input.
#include "core/common/Npy.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>

namespace {

const QString kRef = QStringLiteral(SCENEBENCH_TEST_DATA "/reference/");
const QString kX = kRef + "tsne_small_x.npy";
const QString kLabels = kRef + "tsne_small_labels.npy";

struct Result {
    int exitCode = -1;
    QString out, err;
};

Result cli(const QStringList& args)
{
    QProcess p;
    p.setProgram(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"));
    p.setArguments(QStringList{"embed"} + args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SCENEBENCH_THREADS", "2");
    p.setProcessEnvironment(env);
    p.start();
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// The number after `label` on a line of the output, or NaN.
double figure(const QString& out, const QString& label)
{
    const auto m = QRegularExpression(QRegularExpression::escape(label) + R"(: ([0-9.]+))").match(out);
    return m.hasMatch() ? m.captured(1).toDouble() : std::nan("");
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

}  // namespace

class TestEmbedCli : public QObject {
    Q_OBJECT
private slots:
    void helpListsBothInputs()
    {
        const Result r = cli({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* option : {"--method", "--perplexity", "--iterations", "--seed", "--gradient", "--labels", "--out",
                                   "--run", "--model"})
            QVERIFY2(r.out.contains(option), option);
    }

    void tsneWithLabelsPrintsItsQuality()
    {
        QTemporaryDir dir;
        const QString y = dir.filePath("y.npy");
        const Result r = cli({"--iterations", "300", "--labels", kLabels, "--out", y, kX});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const double kl = figure(r.out, "KL divergence (exact, final map)");
        const double trust = figure(r.out, "trustworthiness (k=10)");
        const double knn = figure(r.out, "k-NN accuracy (k=10)");
        QVERIFY2(kl > 0 && kl < 5, qPrintable(r.out));
        QVERIFY2(trust > 0.9 && trust <= 1, qPrintable(r.out));
        QVERIFY2(knn > 0.9 && knn <= 1, qPrintable(r.out));
        QVERIFY2(r.err.contains("iteration  300/300"), qPrintable(r.err));  // progress goes to stderr
        const auto map = sb::readNpy(y.toStdString());
        QCOMPARE(map.dtype, std::string("<f4"));
        QCOMPARE(map.shape, (std::vector<int64_t>{300, 2}));
    }

    void gradientCanBeChosen()
    {
        QTemporaryDir dir;
        const Result r = cli({"--iterations", "300", "--gradient", "fft", "--labels", kLabels, "--out",
                              dir.filePath("y.npy"), kX});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("gradient fft"), qPrintable(r.out));  // auto would choose exact for 300 points
        QVERIFY2(figure(r.out, "k-NN accuracy (k=10)") > 0.9, qPrintable(r.out));
    }

    void pcaIntoAMapFolder()
    {
        QTemporaryDir dir;
        const Result r = cli({"--method", "pca", "--labels", kLabels, "--map-dir", dir.path(), "--out",
                              dir.filePath("y.npy"), kX});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("explained variance ratio"));
        QVERIFY(!r.out.contains("KL"));
        QVERIFY(QFile::exists(dir.filePath("map_pca.json")) && QFile::exists(dir.filePath("map_pca.npy")));
    }

    void mapsAModelOfARun()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("run/models/student");
        QDir().mkpath(folder);
        QVERIFY(QFile::copy(kX, folder + "/embeddings.npy"));
        QByteArray csv = "filename,scene,device,city,predicted\n";
        for (int64_t label : sb::readNpy(kLabels.toStdString()).toInt64())
            csv += "clip.wav,scene" + QByteArray::number(static_cast<qlonglong>(label)) + ",a,lyon,bus\n";
        writeText(folder + "/embeddings.csv", csv);

        const Result noModel = cli({"--run", dir.filePath("run")});
        QCOMPARE(noModel.exitCode, 2);
        QVERIFY2(noModel.err.contains("--run needs --model NAME") && noModel.err.contains("student"),
                 qPrintable(noModel.err));

        const Result r = cli({"--iterations", "300", "--run", dir.filePath("run"), "--model", "student"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(figure(r.out, "k-NN accuracy (k=10)") > 0.9, qPrintable(r.out));
        QVERIFY(QFile::exists(folder + "/map_tsne.npy"));
        QFile json(folder + "/map_tsne.json");
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(json.readAll().contains("\"trustworthiness\""));
    }

    void badInputExitsWith2AndSaysWhy_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("float64") << QStringList{"--out", "Y", "X64"} << "expected a float32 array, got dtype '<f8'";
        QTest::newRow("1-D") << QStringList{"--out", "Y", "X1D"} << "expected a 2-D array (points, dimensions)";
        QTest::newRow("NaN") << QStringList{"--out", "Y", "XNAN"} << "row 4, column 2";
        QTest::newRow("perplexity") << QStringList{"--perplexity", "300", "--out", "Y", kX}
                                    << "perplexity (300) must be less than the number of points (300)";
        QTest::newRow("labels length") << QStringList{"--labels", "L7", "--out", "Y", kX}
                                       << "labels have 7 entries but X has 300 points";
        QTest::newRow("labels dtype") << QStringList{"--labels", kX, "--out", "Y", kX}
                                      << "labels must be an int64 or int32 array";
        QTest::newRow("method") << QStringList{"--method", "umap", "--out", "Y", kX} << "--method must be tsne or pca";
        QTest::newRow("gradient") << QStringList{"--gradient", "bh", "--out", "Y", kX}
                                  << "--gradient must be auto, exact, direct or fft, got 'bh'";
        QTest::newRow("no out") << QStringList{kX} << "missing --out Y.npy";
        QTest::newRow("no input") << QStringList{"--out", "Y"} << "input embeddings X.npy";
        QTest::newRow("missing file") << QStringList{"--out", "Y", "/nonexistent/x.npy"} << "/nonexistent/x.npy";
        QTest::newRow("iterations") << QStringList{"--iterations", "0", "--out", "Y", kX} << "--iterations";
        QTest::newRow("unknown model") << QStringList{"--run", "RUN", "--model", "teacher-9"}
                                       << "model 'teacher-9' has no embeddings";
        QTest::newRow("both inputs") << QStringList{"--run", "RUN", "--model", "student", kX}
                                     << "either --run RUN_DIR --model NAME or X.npy";
    }

    void badInputExitsWith2AndSaysWhy()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        std::vector<double> x64(40, 1.0);
        std::vector<float> x1d(40, 1.f), xnan(40 * 3, 1.f);
        xnan[4 * 3 + 2] = std::nanf("");
        sb::NpyArray a64{"<f8", {20, 2}, {}};
        a64.bytes.resize(x64.size() * sizeof(double));
        std::memcpy(a64.bytes.data(), x64.data(), a64.bytes.size());
        sb::writeNpy(dir.filePath("x64.npy").toStdString(), a64);
        sb::writeNpy(dir.filePath("x1d.npy").toStdString(), x1d.data(), {40});
        sb::writeNpy(dir.filePath("xnan.npy").toStdString(), xnan.data(), {40, 3});
        const std::vector<int64_t> seven(7, 1);
        sb::writeNpy(dir.filePath("l7.npy").toStdString(), seven.data(), {7});
        QDir().mkpath(dir.filePath("run/models"));
        const QMap<QString, QString> files{{"Y", dir.filePath("y.npy")},     {"X64", dir.filePath("x64.npy")},
                                           {"X1D", dir.filePath("x1d.npy")}, {"XNAN", dir.filePath("xnan.npy")},
                                           {"L7", dir.filePath("l7.npy")},   {"RUN", dir.filePath("run")}};
        for (QString& a : args) a = files.value(a, a);

        const Result r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("y.npy")));
    }
};

QTEST_GUILESS_MAIN(TestEmbedCli)
#include "tst_EmbedCli.moc"
