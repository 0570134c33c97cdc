// Tests of the map files written into a run directory.
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/embed/MapFiles.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

class TestMapFiles : public QObject {
    Q_OBJECT
private slots:
    void roundTrip()
    {
        QTemporaryDir dir;
        const std::string folder = dir.filePath(QStringLiteral("run/embeddings")).toStdString();
        sb::FloatMatrix layout(3, 2, {1.f, 2.f, 3.f, 4.f, 5.f, 6.f});
        sb::MapInfo info;
        info.points = 3;
        info.dimensions = 160;
        info.perplexity = 30;
        info.iterations = 1000;
        info.gradient = "fft";
        info.init = "pca";
        info.learningRate = 618.3;
        info.seed = 7;
        info.threads = 2;
        info.kl = 1.25;
        info.trustworthiness = 0.97;
        info.seconds = 2.5;
        sb::MapFiles::save(folder, layout, info);

        const auto npy = sb::readNpy(folder + "/map_tsne.npy");
        QCOMPARE(npy.dtype, std::string("<f4"));
        QCOMPARE(npy.shape, (std::vector<int64_t>{3, 2}));
        std::ifstream in(folder + "/map_tsne.json");
        const auto j = nlohmann::json::parse(in);
        QCOMPARE(j.at("method").get<std::string>(), std::string("tsne"));
        QVERIFY(j.at("knn_accuracy").is_null());
        QCOMPARE(j.at("iterations").get<int>(), 1000);
        QCOMPARE(j.at("gradient").get<std::string>(), std::string("fft"));
        QVERIFY(j.at("pca_dims").is_null() && j.at("labels").is_null() && j.at("explained_variance_ratio").is_null());

        const auto [back, backInfo] = sb::MapFiles::load(folder, "tsne");
        QVERIFY(back.values == layout.values);
        QCOMPARE(*backInfo.kl, 1.25);
        QVERIFY(!backInfo.knnAccuracy);
        QCOMPARE(backInfo.seed, uint64_t(7));
        QCOMPARE(backInfo.threads, 2);
        QCOMPARE(backInfo.dimensions, size_t(160));
        QCOMPARE(*backInfo.learningRate, 618.3);
        QCOMPARE(*backInfo.init, std::string("pca"));
    }

    void pcaMapsHaveNoTsneFields()
    {
        QTemporaryDir dir;
        sb::MapInfo info;
        info.method = "pca";
        info.points = 2;
        info.explainedVarianceRatio = {0.5, 0.25};
        sb::MapFiles::save(dir.path().toStdString(), sb::FloatMatrix(2, 2), info);
        const auto [layout, back] = sb::MapFiles::load(dir.path().toStdString(), "pca");
        QVERIFY(!back.perplexity && !back.kl && !back.iterations && !back.gradient && !back.learningRate);
        QCOMPARE(back.explainedVarianceRatio, (std::vector<double>{0.5, 0.25}));
    }

    void rejectsMalformedFiles()
    {
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::MapFiles::load(dir.path().toStdString(), "tsne"));
        sb::MapInfo info;
        info.points = 2;
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::MapFiles::save(dir.path().toStdString(), sb::FloatMatrix(2, 3), info));
        info.points = 5;  // a description of another layout
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::MapFiles::save(dir.path().toStdString(), sb::FloatMatrix(2, 2), info));
        info.points = 2;
        sb::MapFiles::save(dir.path().toStdString(), sb::FloatMatrix(2, 2), info);
        const std::vector<float> three(6, 0.f);  // the layout replaced behind the description's back
        sb::writeNpy(dir.filePath(QStringLiteral("map_tsne.npy")).toStdString(), three.data(), {3, 2});
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::MapFiles::load(dir.path().toStdString(), "tsne"));
    }
};

QTEST_GUILESS_MAIN(TestMapFiles)
#include "tst_MapFiles.moc"
