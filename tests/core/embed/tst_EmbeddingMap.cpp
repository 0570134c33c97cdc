// Tests of maps with their metrics, and of the map of a model's embeddings in a run
// directory (written here: models/<model>/embeddings.npy + embeddings.csv).
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/embed/EmbeddingMap.h"
#include "core/embed/EmbeddingMetrics.h"
#include "core/embed/ModelEmbeddings.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

namespace {

const std::string kRef = SCENEBENCH_TEST_DATA "/reference/";

std::vector<int64_t> smallLabels() { return sb::readNpy(kRef + "tsne_small_labels.npy").toInt64(); }

sb::FloatMatrix smallX() { return sb::FloatMatrix::fromNpy(sb::readNpy(kRef + "tsne_small_x.npy"), "tsne_small_x"); }

void writeText(const QString& path, const std::string& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.data(), static_cast<qint64>(text.size()));
}

// A run folder whose model `student` has tsne_small_x as embeddings; the scene of clip
// i is "scene<label i>" (so the map's labels are the reference labels, renamed).
QString writeRun(const QTemporaryDir& dir)
{
    const QString run = dir.filePath(QStringLiteral("run"));
    QDir().mkpath(run + "/models/student");
    const sb::FloatMatrix x = smallX();
    sb::writeNpy((run + "/models/student/embeddings.npy").toStdString(), x.values.data(),
                 {static_cast<int64_t>(x.rows), static_cast<int64_t>(x.cols)});
    std::string csv = "filename,scene,device,city,predicted\n";
    const auto labels = smallLabels();
    for (size_t i = 0; i < labels.size(); ++i)
        csv += "audio/clip" + std::to_string(i) + ".wav,scene" + std::to_string(labels[i]) + ",a,lyon,bus\n";
    writeText(run + "/models/student/embeddings.csv", csv);
    return run;
}

sb::MapParams quickTsne()
{
    sb::MapParams params;
    params.tsne.iterations = 300;
    params.tsne.threads = 2;
    return params;
}

nlohmann::json readJson(const QString& path)
{
    std::ifstream in(path.toStdString());
    return nlohmann::json::parse(in);
}

std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const sb::Error& e) {
        return e.what();
    }
    return "no error";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

class TestEmbeddingMap : public QObject {
    Q_OBJECT
private slots:
    void metricsAreThoseOfTheLayout()
    {
        const sb::FloatMatrix x = smallX();
        const auto labels = smallLabels();
        sb::CancellationToken token;
        const sb::EmbeddingMap map = sb::computeEmbeddingMap(x, labels, quickTsne(), token);
        QCOMPARE(map.layout.rows, x.rows);
        QCOMPARE(*map.info.trustworthiness, sb::trustworthiness(x, map.layout, 10, 2));
        QCOMPARE(*map.info.knnAccuracy, sb::knnAccuracy(map.layout, labels, 10, 2));
        QCOMPARE(*map.info.iterations, 300);
        QCOMPARE(*map.info.gradient, std::string("exact"));
        QVERIFY(*map.info.kl > 0);
        QCOMPARE(map.info.threads, 2);

        const sb::EmbeddingMap unlabelled = sb::computeEmbeddingMap(x, {}, quickTsne(), token);
        QVERIFY(!unlabelled.info.trustworthiness && !unlabelled.info.knnAccuracy);
        QVERIFY(unlabelled.layout.values == map.layout.values);  // same seed and threads
    }

    void mapsAModelOfARun()
    {
        QTemporaryDir dir;
        const QString run = writeRun(dir);
        sb::CancellationToken token;
        std::vector<int> seen;
        sb::MapParams params = quickTsne();
        params.tsne.snapshotInterval = 100;
        const sb::EmbeddingMap map = sb::mapModelEmbeddings(run.toStdString(), "student", params, token, nullptr,
                                                            [&](const sb::TsneSnapshot& s) { seen.push_back(s.iteration); });
        QCOMPARE(seen, (std::vector<int>{100, 200, 300}));
        QCOMPARE(*map.info.knnAccuracy, sb::knnAccuracy(map.layout, smallLabels(), 10, 2));
        QVERIFY2(*map.info.knnAccuracy > 0.9, qPrintable(QString::number(*map.info.knnAccuracy)));

        const QString folder = run + "/models/student/";
        const auto j = readJson(folder + "map_tsne.json");
        QCOMPARE(j.at("points").get<int>(), 300);
        QCOMPARE(j.at("dimensions").get<int>(), 32);
        QCOMPARE(j.at("perplexity").get<double>(), 30.0);
        QCOMPARE(j.at("iterations").get<int>(), 300);
        QCOMPARE(j.at("gradient").get<std::string>(), std::string("exact"));
        QCOMPARE(j.at("init").get<std::string>(), std::string("pca"));
        QCOMPARE(j.at("learning_rate").get<double>(), 50.0);
        QCOMPARE(j.at("kl").get<double>(), *map.info.kl);
        QCOMPARE(j.at("trustworthiness").get<double>(), *map.info.trustworthiness);
        QCOMPARE(j.at("labels").get<std::string>(), std::string("scene column of models/student/embeddings.csv"));
        const auto [layout, info] = sb::MapFiles::load(folder.toStdString(), "tsne");
        QVERIFY(layout.values == map.layout.values);
        QCOMPARE(*info.knnAccuracy, *map.info.knnAccuracy);
    }

    void pcaMapOfARun()
    {
        QTemporaryDir dir;
        const QString run = writeRun(dir);
        sb::MapParams params;
        params.method = "pca";
        sb::CancellationToken token;
        const sb::EmbeddingMap map = sb::mapModelEmbeddings(run.toStdString(), "student", params, token);
        const auto j = readJson(run + "/models/student/map_pca.json");
        QVERIFY(j.at("kl").is_null() && j.at("perplexity").is_null() && j.at("gradient").is_null());
        const auto ratio = j.at("explained_variance_ratio").get<std::vector<double>>();
        QCOMPARE(ratio.size(), size_t(2));
        QVERIFY(ratio[0] >= ratio[1] && ratio[1] > 0 && ratio[0] + ratio[1] <= 1.0);
        QCOMPARE(j.at("trustworthiness").get<double>(), *map.info.trustworthiness);
    }

    void cancelledMapLeavesNoFiles()
    {
        QTemporaryDir dir;
        const QString run = writeRun(dir);
        sb::CancellationToken token;
        sb::MapParams params = quickTsne();
        QVERIFY_THROWS_EXCEPTION(sb::Cancelled,
                                 sb::mapModelEmbeddings(run.toStdString(), "student", params, token, nullptr,
                                                        [&](const sb::TsneSnapshot& s) {
                                                            if (s.iteration == 50) token.cancel();
                                                        }));
        QVERIFY(!QFile::exists(run + "/models/student/map_tsne.json"));
        QVERIFY(!QFile::exists(run + "/models/student/map_tsne.npy"));
    }

    void labelsAreSortedSceneNames()
    {
        QTemporaryDir dir;
        const QString run = writeRun(dir);
        const auto e = sb::ModelEmbeddings::load(run.toStdString(), "student");
        const auto labels = smallLabels();
        QCOMPARE(e.values.rows, size_t(300));
        QVERIFY(std::is_sorted(e.sceneNames.begin(), e.sceneNames.end()));
        for (size_t i = 0; i < labels.size(); ++i)
            QCOMPARE(e.sceneNames[static_cast<size_t>(e.labels[i])], "scene" + std::to_string(labels[i]));
        QCOMPARE(sb::ModelEmbeddings::modelsWithEmbeddings(run.toStdString()), std::vector<std::string>{"student"});
    }

    void badRunsSayWhatAndWhere()
    {
        QTemporaryDir dir;
        const QString run = writeRun(dir);
        const std::string r = run.toStdString();
        const std::string missing = errorOf([&] { sb::ModelEmbeddings::load(r, "teacher-1"); });
        QVERIFY2(contains(missing, "models with embeddings: student"), missing.c_str());
        QVERIFY(contains(errorOf([&] { sb::ModelEmbeddings::load(r, "../x"); }), "invalid model name"));
        QVERIFY(contains(errorOf([&] { sb::ModelEmbeddings::load(r + "/nope", "student"); }), "no such run"));

        const QString csv = run + "/models/student/embeddings.csv";
        writeText(csv, "filename,scene,device,city,predicted\na.wav,bus,a,lyon,bus\n");
        const std::string count = errorOf([&] { sb::ModelEmbeddings::load(r, "student"); });
        QVERIFY2(contains(count, "embeddings.csv: lists 1 clips but embeddings.npy has 300 rows"), count.c_str());
        writeText(csv, "filename,scene,device,city,predicted\na.wav,bus,a,lyon,bus\nb.wav,bus\n");
        const std::string fields = errorOf([&] { sb::ModelEmbeddings::load(r, "student"); });
        QVERIFY2(contains(fields, "embeddings.csv:3: expected 5 fields, got 2"), fields.c_str());
        writeText(csv, "filename,label\n");
        QVERIFY(contains(errorOf([&] { sb::ModelEmbeddings::load(r, "student"); }), "embeddings.csv:1: the header"));
    }

    void rejectsBadParameters()
    {
        sb::CancellationToken token;
        sb::MapParams params = quickTsne();
        params.method = "umap";
        QVERIFY(contains(errorOf([&] { sb::computeEmbeddingMap(smallX(), {}, params, token); }), "unknown map method"));
        params.method = "tsne";
        QVERIFY(contains(errorOf([&] { sb::computeEmbeddingMap(smallX(), {1, 2}, params, token); }),
                         "labels have 2 entries but there are 300 points"));
    }
};

QTEST_GUILESS_MAIN(TestEmbeddingMap)
#include "tst_EmbeddingMap.moc"
