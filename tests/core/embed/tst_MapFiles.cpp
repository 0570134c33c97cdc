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
        info.perplexity = 30;
        info.iterations = 1000;
        info.seed = 7;
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

        const auto [back, backInfo] = sb::MapFiles::load(folder, "tsne");
        QVERIFY(back.values == layout.values);
        QCOMPARE(*backInfo.kl, 1.25);
        QVERIFY(!backInfo.knnAccuracy);
        QCOMPARE(backInfo.seed, uint64_t(7));
    }

    void pcaMapsHaveNoTsneFields()
    {
        QTemporaryDir dir;
        sb::MapInfo info;
        info.method = "pca";
        sb::MapFiles::save(dir.path().toStdString(), sb::FloatMatrix(2, 2), info);
        const auto [layout, back] = sb::MapFiles::load(dir.path().toStdString(), "pca");
        QVERIFY(!back.perplexity && !back.kl && !back.iterations);
    }

    void rejectsMalformedFiles()
    {
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::MapFiles::load(dir.path().toStdString(), "tsne"));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::MapFiles::save(dir.path().toStdString(), sb::FloatMatrix(2, 3), {}));
    }
};

QTEST_GUILESS_MAIN(TestMapFiles)
#include "tst_MapFiles.moc"
