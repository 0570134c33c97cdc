// Tests of the Embedding map view on a synthetic finished run (RunFixture: embeddings
// clustered by scene): saved maps reload without recomputing, t-SNE animates and pauses,
// cancel leaves a usable view, click plays a clip, the lasso selects exactly the points
// inside it on both linked maps, exports, and the replot time of a 30,000-point map.
#include "RunFixture.h"
#include "core/embed/MapFiles.h"
#include "ui/audio/ClipPlayer.h"
#include "ui/jobs/JobBridge.h"
#include "ui/main/Theme.h"
#include "ui/map/EmbeddingMapView.h"
#include "ui/map/MapPanel.h"
#include "ui/map/ScatterMap.h"
#include "ui/map/SelectionModel.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

using sb::ui::EmbeddingMapView;
using sb::ui::MapPanel;
using sb::ui::ScatterMap;
using sb::ui::SelectionModel;

namespace {

// One fixture run and a view on it, shown offscreen so the maps have a size.
struct Bench {
    QTemporaryDir dir;
    RunFixture run;
    sb::ui::JobBridge jobs;
    sb::ui::Theme theme;
    sb::ui::WorkbenchContext context{&jobs, &theme};
    std::unique_ptr<EmbeddingMapView> view;

    Bench()
    {
        RunFixtureParams p;
        p.runDirectory = dir.filePath(QStringLiteral("run"));
        p.audioFolder = dir.filePath(QStringLiteral("data"));
        run = RunFixture::write(p);
        view = std::make_unique<EmbeddingMapView>(&context);
        view->resize(1500, 800);
        view->show();
    }
    QString folder(const QString& model) const { return QDir(run.runDirectory).filePath(QStringLiteral("models/") + model); }
    void open(const QJsonObject& state)
    {
        view->applyState(state);
        context.setRunDirectory(run.runDirectory);
    }
};

QJsonObject state(const QString& left, const QString& right, const QString& method)
{
    return {{QStringLiteral("left"), left}, {QStringLiteral("right"), right}, {QStringLiteral("method"), method},
            {QStringLiteral("colour"), QStringLiteral("scene")}};
}

bool waitReady(const MapPanel* panel, int ms = 60000)
{
    return QTest::qWaitFor([panel] { return panel->state() == MapPanel::State::Ready; }, ms);
}

// A column of models/<model>/embeddings.csv, read here independently of the view.
QStringList csvColumn(const QString& path, int column)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
    QStringList values;
    f.readLine();
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (!line.isEmpty()) values << line.split(QLatin1Char(',')).at(column);
    }
    return values;
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

void sendMouse(QWidget* w, QEvent::Type type, const QPointF& pos, Qt::MouseButtons buttons, Qt::KeyboardModifiers mods)
{
    QMouseEvent event(type, pos, w->mapToGlobal(pos), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton,
                      buttons, mods);
    QApplication::sendEvent(w, &event);
}

// Drags a lasso through the vertices (press at the first, release at the last).
void dragLasso(ScatterMap* map, const QPolygonF& polygon, Qt::KeyboardModifiers mods)
{
    QWidget* w = map->plot();
    sendMouse(w, QEvent::MouseButtonPress, polygon.first(), Qt::LeftButton, mods);
    for (int i = 1; i < polygon.size(); ++i) sendMouse(w, QEvent::MouseMove, polygon[i], Qt::LeftButton, Qt::NoModifier);
    sendMouse(w, QEvent::MouseButtonRelease, polygon.last(), Qt::NoButton, Qt::NoModifier);
}

// An irregular hexagon around the middle of the map's axis rect, in integer pixels.
QPolygonF lassoAroundMiddle(const ScatterMap* map, double shift = 0)
{
    const QRect r = map->plot()->axisRect()->rect();
    const QPointF c = QPointF(r.center()) + QPointF(shift * r.width(), 0);
    const double s = 0.3 * std::min(r.width(), r.height());
    QPolygonF p;
    for (const QPointF& v : {QPointF(-1, -0.8), QPointF(0.2, -1), QPointF(1.1, -0.2), QPointF(0.6, 0.9), QPointF(-0.4, 1),
                             QPointF(-1.2, 0.3)})
        p << QPointF(std::round(c.x() + s * v.x()), std::round(c.y() + s * v.y()));
    return p;
}

QSet<QString> inside(const MapPanel* panel, const QPolygonF& polygon)
{
    QSet<QString> names;
    const QStringList files = csvColumn(QDir(panel->runDirectory()).filePath(QStringLiteral("models/%1/embeddings.csv").arg(panel->model())), 0);
    for (int i = 0; i < panel->map()->pointCount(); ++i)
        if (polygon.containsPoint(panel->map()->pixelOf(i), Qt::OddEvenFill)) names.insert(files.at(i));
    return names;
}

QStringList legendOf(const ScatterMap* map)
{
    QStringList names;
    for (int i = 0; i < map->plot()->legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(map->plot()->legend->item(i)))
            names << item->plottable()->name() + QLatin1Char('=') + item->plottable()->pen().color().name();
    return names;
}

}  // namespace

class TestEmbeddingMapView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pcaMapIsSavedAndReloadedWithoutRecomputing()
    {
        Bench b;
        b.open(state(QStringLiteral("student"), {}, QStringLiteral("pca")));
        MapPanel* left = b.view->leftPanel();
        QVERIFY(waitReady(left));
        const QStringList files = csvColumn(b.folder(QStringLiteral("student")) + QStringLiteral("/embeddings.csv"), 0);
        QCOMPARE(files, b.run.clips);
        QCOMPARE(left->map()->pointCount(), int(files.size()));
        QVERIFY(!left->loadedFromFile());
        const QString npy = b.folder(QStringLiteral("student")) + QStringLiteral("/map_pca.npy");
        QVERIFY(QFileInfo::exists(npy));
        const QDateTime written = QFileInfo(npy).lastModified();
        const auto saved = sb::MapFiles::load(b.folder(QStringLiteral("student")).toStdString(), "pca");
        QVERIFY(saved.first.values == left->positions());

        QTest::qWait(30);
        QSignalSpy started(&b.jobs, &sb::ui::JobBridge::jobStarted);
        b.view->showModels(QStringLiteral("teacher-1"), {}, QStringLiteral("pca"));
        QVERIFY(waitReady(left));
        b.view->showModels(QStringLiteral("student"), {}, QStringLiteral("pca"));
        QVERIFY(waitReady(left));
        QVERIFY(left->loadedFromFile());
        QVERIFY(left->statusText().contains(QStringLiteral("saved map")));
        QCOMPARE(QFileInfo(npy).lastModified(), written);
        QVERIFY(left->positions() == saved.first.values);
        for (const auto& args : std::as_const(started))  // only loads ran for the student; teacher-1 was computed
            QVERIFY(!args.at(1).toString().startsWith(QStringLiteral("PCA map of student")));
    }

    void tsneAnimatesPausesAndResumes()
    {
        Bench b;
        b.view->setAnimationPace(15);
        // The GUI thread's longest wait between two 10-ms timer ticks while t-SNE runs.
        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, [&] {
            if (sinceTick.isValid()) longestGap = std::max(longestGap, sinceTick.elapsed());
            sinceTick.start();
        });
        ticker.start();
        b.open(state(QStringLiteral("student"), {}, QStringLiteral("tsne")));
        MapPanel* left = b.view->leftPanel();
        QTRY_VERIFY_WITH_TIMEOUT(left->snapshotsDrawn() >= 1, 30000);
        QCOMPARE(left->state(), MapPanel::State::Computing);
        QVERIFY(left->statusText().contains(QStringLiteral("iteration")));

        b.view->setPaused(true);
        QCOMPARE(left->state(), MapPanel::State::Paused);
        QTest::qWait(250);
        const int pausedAt = left->lastIteration();
        const int drawn = left->snapshotsDrawn();
        QTest::qWait(400);
        QCOMPARE(left->lastIteration(), pausedAt);
        QCOMPARE(left->snapshotsDrawn(), drawn);
        QVERIFY(pausedAt < 1000);
        b.view->setPaused(false);
        QVERIFY(waitReady(left));
        ticker.stop();
        qInfo("t-SNE of %d points: %d snapshots drawn; longest GUI-thread gap %lld ms", left->map()->pointCount(),
              left->snapshotsDrawn(), longestGap);
        QVERIFY(left->snapshotsDrawn() >= 2);

        const QJsonObject json = readJson(b.folder(QStringLiteral("student")) + QStringLiteral("/map_tsne.json"));
        QVERIFY(json.value(QStringLiteral("trustworthiness")).isDouble());
        const QString trust = QString::number(json.value(QStringLiteral("trustworthiness")).toDouble(), 'f', 3);
        const QString knn = QString::number(json.value(QStringLiteral("knn_accuracy")).toDouble(), 'f', 3);
        QVERIFY2(left->statusText().contains(QStringLiteral("trustworthiness ") + trust), qPrintable(left->statusText()));
        QVERIFY2(left->statusText().contains(QStringLiteral("10-NN accuracy ") + knn), qPrintable(left->statusText()));
        const auto saved = sb::MapFiles::load(b.folder(QStringLiteral("student")).toStdString(), "tsne");
        QVERIFY(saved.first.values == left->positions());
    }

    void cancelLeavesTheViewUsable()
    {
        Bench b;
        b.view->setAnimationPace(20);
        b.open(state(QStringLiteral("student"), {}, QStringLiteral("tsne")));
        MapPanel* left = b.view->leftPanel();
        QTRY_VERIFY_WITH_TIMEOUT(left->snapshotsDrawn() >= 1, 30000);
        b.view->cancel();
        QCOMPARE(left->state(), MapPanel::State::Cancelled);
        QVERIFY(left->statusText().contains(QStringLiteral("Cancelled")));
        QCOMPARE(left->map()->pointCount(), int(b.run.clips.size()));  // the unfinished map stays
        QTest::qWait(300);
        QVERIFY(!QFileInfo::exists(b.folder(QStringLiteral("student")) + QStringLiteral("/map_tsne.json")));
        left->map()->plot()->replot();
        QCOMPARE(left->map()->nearestPoint(left->map()->pixelOf(3), 0.5), 3);

        b.view->setAnimationPace(0);
        b.view->showModels(QStringLiteral("student"), {}, QStringLiteral("pca"));
        QVERIFY(waitReady(left));
        b.view->showModels(QStringLiteral("student"), {}, QStringLiteral("tsne"));
        QVERIFY(waitReady(left));
        QVERIFY(QFileInfo::exists(b.folder(QStringLiteral("student")) + QStringLiteral("/map_tsne.json")));

        // Stopped from outside (the jobs panel, Esc): the panel notices and stays usable.
        b.view->setAnimationPace(20);
        b.view->recompute();
        QTRY_VERIFY_WITH_TIMEOUT(left->snapshotsDrawn() >= 1, 30000);
        b.jobs.cancelAll();
        QTRY_COMPARE_WITH_TIMEOUT(left->state(), MapPanel::State::Cancelled, 5000);
        QCOMPARE(left->map()->pointCount(), int(b.run.clips.size()));
    }

    void clickOnAPointPlaysItsClip()
    {
        Bench b;
        b.open(state(QStringLiteral("student"), {}, QStringLiteral("pca")));
        MapPanel* left = b.view->leftPanel();
        QVERIFY(waitReady(left));
        ScatterMap* map = left->map();
        map->plot()->replot();
        const QStringList files = csvColumn(b.folder(QStringLiteral("student")) + QStringLiteral("/embeddings.csv"), 0);
        // A point with no other within 4 pixels, so the click can only mean it.
        int chosen = -1;
        for (int i = 0; i < map->pointCount() && chosen < 0; ++i) {
            bool alone = map->plot()->axisRect()->rect().contains(map->pixelOf(i).toPoint());
            for (int j = 0; j < map->pointCount() && alone; ++j)
                alone = j == i || QLineF(map->pixelOf(i), map->pixelOf(j)).length() > 4;
            if (alone) chosen = i;
        }
        QVERIFY(chosen >= 0);
        const QCPRange before = map->plot()->xAxis->range();
        QTest::mouseClick(map->plot(), Qt::LeftButton, Qt::NoModifier, map->pixelOf(chosen).toPoint());
        QCOMPARE(b.context.clip().filename, files.at(chosen));
        const QString audio = b.context.clipFromRun(files.at(chosen)).audioPath;
        QVERIFY(QFileInfo(audio).isFile());
        QCOMPARE(b.context.player()->currentPath(), audio);
        QCOMPARE(map->highlightedCurrent(), chosen);
        QCOMPARE(map->plot()->xAxis->range(), before);  // the click did not pan
    }

    void lassoSelectsExactlyThePointsInsideOnBothMaps()
    {
        Bench b;
        b.open(state(QStringLiteral("student"), QStringLiteral("student-nokd"), QStringLiteral("pca")));
        MapPanel* left = b.view->leftPanel();
        MapPanel* right = b.view->rightPanel();
        QVERIFY(waitReady(left));
        QVERIFY(waitReady(right));
        QVERIFY(right->isVisible());
        left->map()->plot()->replot();
        right->map()->plot()->replot();
        QCOMPARE(legendOf(left->map()), legendOf(right->map()));  // linked colours
        QCOMPARE(legendOf(left->map()).size(), 10);

        const QPolygonF polygon = lassoAroundMiddle(left->map());
        const QSet<QString> expected = inside(left, polygon);
        QVERIFY(!expected.isEmpty() && expected.size() < left->map()->pointCount());
        const auto rangeBefore = left->map()->plot()->xAxis->range();
        dragLasso(left->map(), polygon, Qt::ShiftModifier);
        QCOMPARE(QSet<QString>(b.view->selection()->filenameSet()), expected);
        QCOMPARE(left->map()->plot()->xAxis->range(), rangeBefore);  // the lasso did not pan
        // Linked: the same clips are selected (highlighted) on the right map.
        QCOMPARE(left->map()->highlightedSelectionSize(), int(expected.size()));
        QCOMPARE(right->map()->highlightedSelectionSize(), int(expected.size()));

        // Ctrl+Shift on the right map adds its lasso's clips to the shared list.
        const QPolygonF second = lassoAroundMiddle(right->map(), 0.15);
        const QSet<QString> more = inside(right, second);
        dragLasso(right->map(), second, Qt::ShiftModifier | Qt::ControlModifier);
        QCOMPARE(b.view->selection()->filenameSet(), expected | more);
        QCOMPARE(left->map()->highlightedSelectionSize(), int((expected | more).size()));

        // Lasso mode: a plain drag selects too (replacing the selection).
        b.view->findChild<QPushButton*>(QStringLiteral("lasso"))->click();
        dragLasso(right->map(), second, Qt::NoModifier);
        QCOMPARE(b.view->selection()->filenameSet(), more);

        // Selecting a row of the list makes that clip the current one.
        QTableView* table = b.view->selectionView();
        table->setCurrentIndex(b.view->selection()->index(1, 0));
        QCOMPARE(b.context.clip().filename, b.view->selection()->filenameAt(1));
        QVERIFY(left->map()->highlightedCurrent() >= 0);
    }

    void kdVsNoKdStateAndExport()
    {
        Bench b;
        b.open(state(QStringLiteral("teacher-1"), {}, QStringLiteral("pca")));
        QVERIFY(waitReady(b.view->leftPanel()));
        QTest::mouseClick(b.view->findChild<QPushButton*>(QStringLiteral("kdVsNoKd")), Qt::LeftButton);
        const QJsonObject expected = state(QStringLiteral("student"), QStringLiteral("student-nokd"), QStringLiteral("tsne"));
        QCOMPARE(b.view->state(), expected);
        QVERIFY(waitReady(b.view->leftPanel()));
        QVERIFY(waitReady(b.view->rightPanel()));
        b.view->setColouring(sb::ui::MapColouring::By::Device);
        QCOMPARE(legendOf(b.view->leftPanel()->map()).size(), 9);
        QCOMPARE(legendOf(b.view->leftPanel()->map()), legendOf(b.view->rightPanel()->map()));
        QCOMPARE(b.view->state().value(QStringLiteral("colour")).toString(), QStringLiteral("device"));
        b.view->setColouring(sb::ui::MapColouring::By::Correct);
        QCOMPARE(legendOf(b.view->leftPanel()->map()).size(), 2);

        EmbeddingMapView other(&b.context);
        other.applyState(b.view->state());
        QCOMPARE(other.state(), b.view->state());

        QTemporaryDir out;
        QStringList written, errors;
        b.view->exportData(out.path(), &written, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(written.size(), 3);
        QCOMPARE(b.view->plots().size(), 2);
        const QString csv = out.filePath(QStringLiteral("map-student-nokd-tsne.csv"));
        QVERIFY(written.contains(csv) && written.contains(out.filePath(QStringLiteral("map-selection.csv"))));
        const QStringList xs = csvColumn(csv, 1);
        QCOMPARE(xs.size(), b.run.clips.size());
        QCOMPARE(xs.at(7).toFloat(), b.view->rightPanel()->positions().at(14));
        QCOMPARE(csvColumn(csv, 0), b.run.clips);
    }

    void runWithoutEmbeddingsSaysSo()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("models/student")));
        sb::ui::JobBridge jobs;
        sb::ui::Theme theme;
        sb::ui::WorkbenchContext context(&jobs, &theme);
        EmbeddingMapView view(&context);
        QSignalSpy messages(&context, &sb::ui::WorkbenchContext::message);
        context.setRunDirectory(dir.path());
        QVERIFY(view.leftPanel()->map()->placeholder().contains(QStringLiteral("no embeddings")));
        QCOMPARE(messages.count(), 1);
        QStringList written, errors;
        view.exportData(dir.path(), &written, &errors);
        QVERIFY(written.isEmpty() && errors.isEmpty());
    }

    void palettesTellTenClassesApart()
    {
        sb::ui::Theme theme;
        QSet<QString> looks;
        for (int i = 0; i < 10; ++i) {
            const auto s = sb::ui::MapColouring::style(i, sb::ui::MapColouring::By::Scene, &theme);
            looks.insert(s.colour.name() + QString::number(int(s.shape)));
            QCOMPARE(s.colour.name(), i < 7 ? theme.seriesColor(i).name() : s.colour.name());
        }
        QCOMPARE(looks.size(), 10);
    }

    void selectionModelPassesTester()
    {
        sb::ui::MapClips clips, other;
        for (int i = 0; i < 5; ++i) {
            const QString name = QStringLiteral("audio/park-lyon-%1-a.wav").arg(i);
            clips.append({name, QStringLiteral("park"), QStringLiteral("a"), QStringLiteral("lyon"),
                          i % 2 ? QStringLiteral("park") : QStringLiteral("metro")});
            other.append({name, QStringLiteral("park"), QStringLiteral("a"), QStringLiteral("lyon"), QStringLiteral("bus")});
        }
        SelectionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setModels(QStringLiteral("student"), {});
        QCOMPARE(model.columnCount(), 5);
        model.setSelection({clips.at(3).filename, clips.at(1).filename, QStringLiteral("nope")}, clips);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.filenameAt(0), clips.at(1).filename);  // in map order
        QCOMPARE(model.index(0, 0).data(SelectionModel::CorrectRole).toBool(), true);
        model.setModels(QStringLiteral("student"), QStringLiteral("student-nokd"));
        model.setSelection({clips.at(0).filename}, clips, &other);
        QCOMPARE(model.columnCount(), 6);
        QCOMPARE(model.index(0, SelectionModel::OtherPredictedColumn).data().toString(), QStringLiteral("bus"));
        QCOMPARE(model.index(0, 0).data(SelectionModel::PredictedRole).toString(), QStringLiteral("metro"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void thirtyThousandPointFrameTime()
    {
        sb::ui::Theme theme;
        ScatterMap map(QStringLiteral("30k"), &theme);
        map.resize(1000, 750);
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        constexpr int kPoints = 30000;
        std::mt19937 rng(7);
        std::normal_distribution<float> gauss(0, 1);
        std::vector<float> xy;
        QVector<int> category;
        QVector<ScatterMap::Category> categories;
        for (int c = 0; c < 10; ++c)
            categories.append({QStringLiteral("class %1").arg(c), sb::ui::MapColouring::style(c, sb::ui::MapColouring::By::Scene, &theme)});
        for (int i = 0; i < kPoints; ++i) {
            const int c = i % 10;
            category.append(c);
            xy.push_back(30 * std::cos(c * 0.63f) + 4 * gauss(rng));
            xy.push_back(30 * std::sin(c * 0.63f) + 4 * gauss(rng));
        }
        map.setCategories(categories, category);
        map.setPositions(xy);
        map.resetZoom();
        map.plot()->replot();
        std::vector<double> replots, frames;
        QElapsedTimer t;
        for (int k = 0; k < 10; ++k) {
            t.start();
            map.plot()->replot();
            replots.push_back(t.nsecsElapsed() / 1e6);
        }
        for (int k = 0; k < 10; ++k) {  // an animation frame: new positions, then the replot
            for (float& v : xy) v *= 1.01f;
            t.start();
            map.setPositions(xy);
            map.plot()->replot();
            frames.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(replots.begin(), replots.end());
        std::sort(frames.begin(), frames.end());
        t.start();
        int found = 0;
        for (int i = 0; i < kPoints; i += 30)
            if (map.nearestPoint(map.pixelOf(i), 8) >= 0) ++found;
        const double lookupUs = t.nsecsElapsed() / 1e3 / (kPoints / 30);
        t.start();
        const QVector<int> lassoed = map.pointsInside(lassoAroundMiddle(&map));
        const double lassoMs = t.nsecsElapsed() / 1e6;
        qInfo("30,000-point map: replot median %.1f ms (max %.1f); animation frame (positions + replot) median %.1f ms "
              "(max %.1f); hover lookup %.1f us; lasso of %d points %.1f ms",
              replots[5], replots.back(), frames[5], frames.back(), lookupUs, int(lassoed.size()), lassoMs);
        QCOMPARE(found, kPoints / 30);
        QVERIFY(std::isfinite(replots[5]) && std::isfinite(frames[5]));
    }
};

QTEST_MAIN(TestEmbeddingMapView)
#include "tst_EmbeddingMapView.moc"
