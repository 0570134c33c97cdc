// Tests of core/common: .npy round trips, atomic writes, parallelFor, progress/ETA.
#include "core/common/AtomicFile.h"
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/common/Parallel.h"
#include "core/common/ProgressTracker.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <fstream>

class TestCommon : public QObject {
    Q_OBJECT
private slots:
    void npyRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("a.npy")).toStdString();
        std::vector<float> values = {1.5f, -2.f, 3.25f, 0.f, 7.f, 8.f};
        sb::writeNpy(path, values.data(), {2, 3});
        const auto a = sb::readNpy(path);
        QCOMPARE(a.dtype, std::string("<f4"));
        QCOMPARE(a.shape, (std::vector<int64_t>{2, 3}));
        QCOMPARE(a.toFloat(), values);
    }

    void npyReadsReference()
    {
        const auto a = sb::readNpy(SCENEBENCH_TEST_DATA "/reference/kd_labels.npy");
        QCOMPARE(a.dtype, std::string("<i8"));
        QCOMPARE(a.shape.size(), size_t(1));
        QCOMPARE(a.toInt64().size(), size_t(a.shape[0]));
    }

    void npyRejectsGarbage()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bad.npy")).toStdString();
        std::ofstream(path) << "not an array";
        try {
            sb::readNpy(path);
            QFAIL("garbage accepted");
        } catch (const sb::Error& e) {
            QCOMPARE(e.where(), path);
        }
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::readNpy(path + ".missing"));
    }

    // A forged header (a shared run directory's embeddings.npy) must not make the reader
    // allocate what the file does not hold, overflow, or throw anything but sb::Error.
    void npyRejectsForgedShapes_data()
    {
        QTest::addColumn<QByteArray>("shape");
        QTest::newRow("terabytes") << QByteArray("(1000000, 1000000, 1000000)");
        QTest::newRow("overflows int64") << QByteArray("(4611686018427387904, 8)");
        QTest::newRow("too many digits") << QByteArray("(123456789012345678901234567890,)");
        QTest::newRow("one more than there is") << QByteArray("(3,)");
    }

    void npyRejectsForgedShapes()
    {
        QFETCH(QByteArray, shape);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("forged.npy")).toStdString();
        QByteArray header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        while ((10 + header.size() + 1) % 64 != 0) header += ' ';
        header += '\n';
        QByteArray file("\x93NUMPY\x01\x00", 8);
        file += char(header.size() & 0xff);
        file += char(header.size() >> 8);
        file += header;
        file += QByteArray(8, '\0');  // two floats
        std::ofstream(path, std::ios::binary).write(file.constData(), file.size());
        try {
            sb::readNpy(path);
            QFAIL("forged shape accepted");
        } catch (const sb::Error& e) {
            QCOMPARE(e.where(), path);
        }
    }

    void atomicWriteKeepsOldFileOnAbort()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("f.txt")).toStdString();
        sb::writeFileAtomic(path, "old");
        {
            sb::AtomicFileWriter w(path);
            w.write("new, never committed");
        }
        std::ifstream in(path);
        std::string text((std::istreambuf_iterator<char>(in)), {});
        QCOMPARE(text, std::string("old"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    // What a writer killed mid-write leaves ("<target>.tmp.<pid>.<n>") is found and
    // removed below a folder; whole files, even with ".tmp" in their names, are kept.
    void leftoverTemporariesAreRemoved()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("a/b")));
        const std::string root = dir.path().toStdString();
        for (const char* name : {"a/b/weights.pt.tmp.123.4", "summary.json.tmp.9.0"})
            std::ofstream(root + "/" + name) << "half";
        for (const char* name : {"a/keep.tmp", "a/b/x.tmp.1", "a/b/weights.pt"}) std::ofstream(root + "/" + name) << "whole";
        QVERIFY(sb::isAtomicTemporary("summary.json.tmp.9.0"));
        QVERIFY(!sb::isAtomicTemporary("x.tmp.1"));
        QCOMPARE(sb::removeAtomicTemporaries(root), 2);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("a/b/weights.pt.tmp.123.4"))));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("a/keep.tmp"))));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("a/b/x.tmp.1"))));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("a/b/weights.pt"))));
    }

    void parallelForCoversEveryIndexOnce()
    {
        std::vector<std::atomic<int>> hits(1000);
        sb::parallelFor(hits.size(), 4, [&](size_t b, size_t e) {
            for (size_t i = b; i < e; ++i) hits[i]++;
        }, 7);
        for (auto& h : hits) QCOMPARE(h.load(), 1);
    }

    void parallelForPropagatesErrors()
    {
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::parallelFor(100, 3, [](size_t b, size_t) {
            if (b >= 50) throw sb::Error("boom", "item");
        }));
    }

    void progressReportsEta()
    {
        struct Recorder : sb::JobObserver {
            std::vector<sb::Progress> seen;
            void onProgress(const sb::Progress& p) override { seen.push_back(p); }
        } recorder;
        sb::ProgressTracker tracker(&recorder, "stage", 4, 0.0);
        for (int i = 0; i < 4; ++i) tracker.advance();
        QCOMPARE(recorder.seen.size(), size_t(4));
        QCOMPARE(recorder.seen.back().done, 4L);
        QCOMPARE(recorder.seen.back().etaSeconds, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestCommon)
#include "tst_Common.moc"
