// Tests of the Runs view on a project of synthetic runs (RunFixture: splits 5, 25, 100 x
// seeds 1, 2, each with its own model accuracies) plus one broken run folder: the table
// against each run's summary.json, the learning curve against mean ± sample std computed
// here from the summaries, the published baseline, a comparison of two runs against their
// predictions.csv and confusion.json, the broken run as an error row, Open, state,
// export, and reloading when a run appears.
#include "RunFixture.h"
#include "core/common/Dcase.h"
#include "core/experiment/RunLock.h"
#include "core/features/CpMel.h"
#include "core/models/Complexity.h"
#include "ui/jobs/JobBridge.h"
#include "ui/main/Theme.h"
#include "ui/plots/PlotWidget.h"
#include "ui/runs/LearningCurvePlot.h"
#include "ui/runs/RunComparisonPanel.h"
#include "ui/runs/RunTableModel.h"
#include "ui/runs/RunsView.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>
#include <map>

using sb::ui::RunTableModel;
using sb::ui::RunsView;

namespace {

struct Planned {
    double split;
    int seed;
};

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// A clip's predictions: true scene (from the file name), device, predicted scene.
struct Row {
    QString scene, device, predicted;
};

std::map<QString, Row> readPredictions(const QString& path)
{
    std::map<QString, Row> rows;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return rows;
    file.readLine();  // header
    while (!file.atEnd()) {
        const QStringList fields = QString::fromUtf8(file.readLine()).trimmed().split(QLatin1Char('\t'));
        if (fields.size() < 2) continue;
        const QString base = fields[0].section(QLatin1Char('/'), -1).chopped(4);  // no "audio/", no ".wav"
        rows[fields[0]] = {base.section(QLatin1Char('-'), 0, 0), base.section(QLatin1Char('-'), -1), fields[1]};
    }
    return rows;
}

// DCASE macro accuracy per device: mean over the scenes present of correct / clips.
std::map<QString, double> perDeviceAccuracy(const std::map<QString, Row>& rows)
{
    std::map<QString, std::map<QString, std::pair<int, int>>> counts;  // device -> scene -> (right, all)
    for (const auto& [name, r] : rows) {
        auto& c = counts[r.device][r.scene];
        c.first += r.scene == r.predicted;
        ++c.second;
    }
    std::map<QString, double> acc;
    for (const auto& [device, scenes] : counts) {
        double sum = 0;
        for (const auto& [scene, c] : scenes) sum += double(c.first) / c.second;
        acc[device] = sum / double(scenes.size());
    }
    return acc;
}

std::pair<double, double> meanAndSampleStd(const std::vector<double>& v)
{
    double mean = 0;
    for (double x : v) mean += x;
    mean /= double(v.size());
    double squares = 0;
    for (double x : v) squares += (x - mean) * (x - mean);
    return {mean, v.size() > 1 ? std::sqrt(squares / double(v.size() - 1)) : 0.0};
}

}  // namespace

class TestRunsView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void tableListsEveryRun();
    void tableModelPassesTester();
    void brokenRunIsAnErrorRow();
    void learningCurveIsMeanAndStdOverSeeds();
    void baselineHasThePublishedPoints();
    void compareTwoRuns();
    void openSetsTheCurrentRun();
    void heldRunIsRunningElsewhereNotResumable();
    void stateAndExport();
    void newRunAppears();

private:
    // A view on the project with its runs loaded.
    std::unique_ptr<RunsView> loadedView(const QString& project);

    QTemporaryDir dir_;
    QString project_;
    std::map<QString, Planned> planned_;  // run folder -> split, seed
    QString broken_;
    sb::ui::JobBridge jobs_;
    sb::ui::Theme theme_;
    std::unique_ptr<sb::ui::WorkbenchContext> context_;
};

void TestRunsView::initTestCase()
{
    QVERIFY(dir_.isValid());
    project_ = dir_.filePath(QStringLiteral("project"));
    for (double split : {5.0, 25.0, 100.0})
        for (int seed : {1, 2}) {
            RunFixtureParams p;
            p.runDirectory = QStringLiteral("%1/runs/split%2-seed%3").arg(project_).arg(int(split), 3, 10, QLatin1Char('0')).arg(seed);
            p.splitPercent = split;
            p.seed = seed;
            // Accuracies grow with the split and differ by seed, so every number differs.
            const double base = 0.3 + 0.002 * split + 0.04 * seed;
            p.models = {{"teacher-1", base + 0.15}, {"teacher-2", base + 0.08}, {"ensemble", base + 0.2},
                        {"student", base + 0.1}, {"student-nokd", base}};
            p.finished = !(split == 100 && seed == 2);
            planned_[RunFixture::write(p).runDirectory] = {split, seed};
        }
    broken_ = QDir(project_).filePath(QStringLiteral("runs/broken"));
    QVERIFY(QDir().mkpath(broken_));
    QFile experiment(broken_ + QStringLiteral("/experiment.json"));
    QVERIFY(experiment.open(QIODevice::WriteOnly));
    experiment.write("{ this is not json");
    experiment.close();
    QFile metrics(broken_ + QStringLiteral("/metrics.jsonl"));
    QVERIFY(metrics.open(QIODevice::WriteOnly));
    metrics.close();
    context_ = std::make_unique<sb::ui::WorkbenchContext>(&jobs_, &theme_);
}

std::unique_ptr<RunsView> TestRunsView::loadedView(const QString& project)
{
    auto view = std::make_unique<RunsView>(context_.get());
    QSignalSpy loaded(view.get(), &RunsView::runsLoaded);
    if (context_->projectFolder() == project) view->refresh();
    else context_->setProjectFolder(project);
    if (!loaded.wait(30000)) return nullptr;
    return view;
}

void TestRunsView::tableListsEveryRun()
{
    auto view = loadedView(project_);
    QVERIFY(view);
    RunTableModel* model = view->tableModel();
    QCOMPARE(model->rowCount(), int(planned_.size()) + 1);
    const sb::CpMel frontEnd;
    const int frames = int(frontEnd.frameCount(size_t(frontEnd.sampleRate())));
    const sb::ExperimentConfig defaults;
    const sb::ModelComplexity size = sb::measureTfSepNet(defaults.student.width, defaults.student.depth, defaults.student.mels, frames);
    for (const auto& [path, plan] : planned_) {
        const int row = model->rowOf(path);
        QVERIFY2(row >= 0, qPrintable(path));
        auto cell = [&](int column, int role) { return model->index(row, column).data(role); };
        const QJsonObject summary = readJson(path + QStringLiteral("/summary.json"));
        const QJsonObject student = summary.value(QStringLiteral("student")).toObject();
        QCOMPARE(cell(RunTableModel::SplitColumn, RunTableModel::SortRole).toDouble(), plan.split);
        QCOMPARE(cell(RunTableModel::SeedColumn, RunTableModel::SortRole).toInt(), plan.seed);
        QCOMPARE(cell(RunTableModel::StatusColumn, Qt::DisplayRole).toString(),
                 plan.split == 100 && plan.seed == 2 ? QStringLiteral("interrupted") : QStringLiteral("finished"));
        QCOMPARE(cell(RunTableModel::StudentColumn, RunTableModel::ValueRole).toDouble(), student[QStringLiteral("accuracy")].toDouble());
        QCOMPARE(cell(RunTableModel::SeenColumn, RunTableModel::ValueRole).toDouble(),
                 student[QStringLiteral("accuracy_seen_devices")].toDouble());
        QCOMPARE(cell(RunTableModel::UnseenColumn, RunTableModel::ValueRole).toDouble(),
                 student[QStringLiteral("accuracy_unseen_devices")].toDouble());
        QCOMPARE(cell(RunTableModel::StudentNoKdColumn, RunTableModel::ValueRole).toDouble(),
                 summary[QStringLiteral("student-nokd")].toObject()[QStringLiteral("accuracy")].toDouble());
        QCOMPARE(cell(RunTableModel::EnsembleColumn, RunTableModel::ValueRole).toDouble(),
                 summary[QStringLiteral("ensemble")].toObject()[QStringLiteral("accuracy")].toDouble());
        const double best = std::max(summary[QStringLiteral("teacher-1")].toObject()[QStringLiteral("accuracy")].toDouble(),
                                     summary[QStringLiteral("teacher-2")].toObject()[QStringLiteral("accuracy")].toDouble());
        QCOMPARE(cell(RunTableModel::TeacherColumn, RunTableModel::ValueRole).toDouble(), best);
        QCOMPARE(cell(RunTableModel::ParamsColumn, RunTableModel::SortRole).toLongLong(), qint64(size.params));
        QCOMPARE(cell(RunTableModel::MacsColumn, RunTableModel::SortRole).toLongLong(), qint64(size.macs));
        QVERIFY(cell(RunTableModel::WallTimeColumn, RunTableModel::SortRole).toDouble() > 0);
        QVERIFY(cell(RunTableModel::StudentColumn, Qt::DisplayRole).toString().endsWith(QLatin1Char('%')));
    }
    // The proxy sorts numerically by the student's accuracy.
    QSortFilterProxyModel* sorted = view->sortedModel();
    sorted->sort(RunTableModel::StudentColumn, Qt::DescendingOrder);
    double previous = 2;
    for (int r = 0; r < sorted->rowCount(); ++r) {
        const QVariant v = sorted->index(r, RunTableModel::StudentColumn).data(RunTableModel::ValueRole);
        if (!v.isValid()) continue;
        QVERIFY(v.toDouble() <= previous);
        previous = v.toDouble();
    }
    QCOMPARE(sb::ui::formatWallTime(3725.0), QStringLiteral("1 h 02 min"));
    QCOMPARE(sb::ui::formatWallTime(200.0), QStringLiteral("3 min 20 s"));
}

void TestRunsView::tableModelPassesTester()
{
    auto view = loadedView(project_);
    QVERIFY(view);
    QAbstractItemModelTester tester(view->tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(view->sortedModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(view.get(), &RunsView::runsLoaded);
    view->refresh();  // a reset under the testers
    QVERIFY(loaded.wait(30000));
    RunTableModel empty;
    QAbstractItemModelTester emptyTester(&empty, QAbstractItemModelTester::FailureReportingMode::QtTest);
    empty.setRows(std::vector<sb::ui::RunRow>(view->tableModel()->rows()));
    QCOMPARE(empty.rowCount(), view->tableModel()->rowCount());
    empty.setRows({});
    QCOMPARE(empty.rowCount(), 0);
}

void TestRunsView::brokenRunIsAnErrorRow()
{
    auto view = loadedView(project_);
    QVERIFY(view);
    RunTableModel* model = view->tableModel();
    const int row = model->rowOf(QFileInfo(broken_).absoluteFilePath());
    QVERIFY(row >= 0);
    QVERIFY(!model->index(row, 0).data(RunTableModel::ReadableRole).toBool());
    QVERIFY(!model->index(row, 0).data(RunTableModel::ErrorRole).toString().isEmpty());
    QVERIFY(model->index(row, RunTableModel::StatusColumn).data().toString().startsWith(QStringLiteral("unreadable: ")));
    QVERIFY(!model->index(row, RunTableModel::StudentColumn).data(RunTableModel::ValueRole).isValid());
    QVERIFY(view->statusText().contains(QStringLiteral("could not be read")));
    const QString before = context_->runDirectory();
    QVERIFY(!view->openRun(QFileInfo(broken_).absoluteFilePath()));
    QCOMPARE(context_->runDirectory(), before);
}

void TestRunsView::learningCurveIsMeanAndStdOverSeeds()
{
    auto view = loadedView(project_);
    QVERIFY(view);
    for (const QString& metric : {QStringLiteral("accuracy"), QStringLiteral("unseen")}) {
        view->curve()->setMetric(metric);
        const QString field = metric == QLatin1String("accuracy") ? QStringLiteral("accuracy") : QStringLiteral("accuracy_unseen_devices");
        // kind -> split -> one value per run (a run's teachers averaged first)
        std::map<QString, std::map<double, std::vector<double>>> values;
        for (const auto& [path, plan] : planned_) {
            const QJsonObject summary = readJson(path + QStringLiteral("/summary.json"));
            double teachers = 0;
            int count = 0;
            for (const QString& model : summary.keys()) {
                const double v = summary[model].toObject()[field].toDouble();
                if (model.startsWith(QStringLiteral("teacher-"))) {
                    teachers += v;
                    ++count;
                } else {
                    values[model][plan.split].push_back(v);
                }
            }
            values[QStringLiteral("teacher")][plan.split].push_back(teachers / count);
        }
        QCOMPARE(int(view->curve()->curveLines().size()), 4);
        for (const auto& [kind, bySplit] : values) {
            QCPGraph* graph = view->curve()->graph(kind);
            QCPErrorBars* bars = view->curve()->errorBars(kind);
            QVERIFY2(graph && bars, qPrintable(kind));
            QCOMPARE(graph->dataCount(), int(bySplit.size()));
            int i = 0;
            for (const auto& [split, vs] : bySplit) {
                const auto [mean, std] = meanAndSampleStd(vs);
                QCOMPARE(graph->data()->at(i)->key, split);
                QVERIFY(qAbs(graph->data()->at(i)->value - 100 * mean) < 1e-9);
                QVERIFY(qAbs(bars->data()->at(i).errorMinus - 100 * std) < 1e-9);
                QVERIFY(qAbs(bars->data()->at(i).errorPlus - 100 * std) < 1e-9);
                QVERIFY(std > 0);  // the seeds differ
                ++i;
            }
        }
    }
    QCOMPARE(view->curve()->plotWidget()->plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
}

void TestRunsView::baselineHasThePublishedPoints()
{
    auto view = loadedView(project_);
    QVERIFY(view);
    view->curve()->setMetric(QStringLiteral("accuracy"));
    QCPGraph* baseline = view->curve()->baselineGraph();
    QVERIFY(baseline);
    QCOMPARE(baseline->name(), QStringLiteral("DCASE 2024 baseline (published)"));
    QCOMPARE(baseline->pen().style(), Qt::DashLine);
    QCOMPARE(baseline->dataCount(), int(sb::dcase::kBaseline2024.size()));
    QCOMPARE(baseline->dataCount(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(baseline->data()->at(i)->key, double(sb::dcase::kBaseline2024[size_t(i)].splitPercent));
        QCOMPARE(baseline->data()->at(i)->value, sb::dcase::kBaseline2024[size_t(i)].accuracyPercent);
        QCOMPARE(view->curve()->baselineErrorBars()->data()->at(i).errorPlus, sb::dcase::kBaseline2024[size_t(i)].stdPercent);
    }
    QVERIFY(view->curve()->csv().contains(QStringLiteral("dcase2024-baseline,5,42.40,0.42")));
}

void TestRunsView::compareTwoRuns()
{
    auto view = loadedView(project_);
    QVERIFY(view);
    const QString a = planned_.begin()->first, b = std::next(planned_.begin(), 3)->first;
    sb::ui::RunComparisonPanel* panel = view->comparison();
    QSignalSpy shown(panel, &sb::ui::RunComparisonPanel::comparisonShown);
    view->compare(a, b, QStringLiteral("student"));
    QVERIFY(shown.wait(30000));
    QVERIFY2(panel->hasComparison(), qPrintable(panel->errorText()));
    const sb::ModelComparison& c = *panel->comparison();

    const auto rowsA = readPredictions(a + QStringLiteral("/models/student/predictions.csv"));
    const auto rowsB = readPredictions(b + QStringLiteral("/models/student/predictions.csv"));
    QCOMPARE(c.commonClips, rowsA.size());
    int same = 0;
    for (const auto& [name, r] : rowsA) same += rowsB.at(name).predicted == r.predicted;
    QVERIFY(qAbs(c.agreement - double(same) / double(rowsA.size())) < 1e-12);
    const auto accA = perDeviceAccuracy(rowsA), accB = perDeviceAccuracy(rowsB);
    QTableWidget* table = panel->deviceTable();
    QCOMPARE(table->rowCount(), int(accA.size()));
    for (int r = 0; r < table->rowCount(); ++r) {
        const QString device = table->item(r, 0)->data(Qt::UserRole).toString();
        const double delta = accB.at(device) - accA.at(device);
        QVERIFY2(qAbs(table->item(r, 3)->data(Qt::UserRole).toDouble() - delta) < 1e-9, qPrintable(device));
        QVERIFY(qAbs(c.perDeviceB.at(device.toStdString()) - c.perDeviceA.at(device.toStdString()) - delta) < 1e-9);
    }

    const QJsonObject confusionA = readJson(a + QStringLiteral("/models/student/confusion.json"));
    const QJsonObject confusionB = readJson(b + QStringLiteral("/models/student/confusion.json"));
    const QJsonArray allA = confusionA[QStringLiteral("all")].toArray(), allB = confusionB[QStringLiteral("all")].toArray();
    QCPColorMap* map = panel->colorMap();
    QVERIFY(map);
    QVERIFY(!map->interpolate());
    QCOMPARE(map->dataRange().lower, -map->dataRange().upper);
    long nonZero = 0;
    for (int t = 0; t < allA.size(); ++t)
        for (int p = 0; p < allA.size(); ++p) {
            const long expected = allB[t].toArray()[p].toInteger() - allA[t].toArray()[p].toInteger();
            QCOMPARE(c.differenceAt(t, p), expected);
            QCOMPARE(map->data()->cell(p, t), double(expected));
            nonZero += expected != 0;
        }
    QVERIFY(nonZero > 0);
    QVERIFY(panel->summaryText().contains(QStringLiteral("common clips")));

    // A model one run lacks: a message, no crash.
    view->compare(a, b, QStringLiteral("no-such-model"));
    QVERIFY(shown.wait(30000));
    QVERIFY(!panel->hasComparison());
    QVERIFY(!panel->errorText().isEmpty());
}

void TestRunsView::heldRunIsRunningElsewhereNotResumable()
{
    QString unfinished;
    for (const auto& [path, plan] : planned_)
        if (plan.split == 100 && plan.seed == 2) unfinished = path;
    auto view = loadedView(project_);
    QVERIFY(view);
    auto status = [&view, &unfinished] {
        const RunTableModel* model = view->tableModel();
        return model->index(model->rowOf(unfinished), RunTableModel::StatusColumn).data().toString();
    };
    auto select = [&view, &unfinished] {
        const QModelIndex index = view->sortedModel()->mapFromSource(view->tableModel()->index(view->tableModel()->rowOf(unfinished), 0));
        view->tableView()->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    };
    QCOMPARE(status(), QStringLiteral("interrupted"));
    QVERIFY(view->statusText().contains(QStringLiteral("1 interrupted")));
    select();
    QVERIFY(view->resumeAction()->isEnabled());
    QSignalSpy resume(view.get(), &RunsView::resumeRequested);
    view->resumeAction()->trigger();
    QCOMPARE(resume.size(), 1);
    QCOMPARE(resume.first().at(0).toString(), unfinished);
    {
        // What a runner holds while it works in the folder (a CLI's, another window's).
        sb::RunLock lock(unfinished.toStdString());
        QSignalSpy loaded(view.get(), &RunsView::runsLoaded);
        view->refresh();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(status(), QStringLiteral("running elsewhere"));
        select();
        QVERIFY(!view->resumeAction()->isEnabled());
        QVERIFY(view->resumeAction()->text().contains(QStringLiteral("another process")));
        QVERIFY(!view->statusText().contains(QStringLiteral("interrupted")));
    }
    QSignalSpy loaded(view.get(), &RunsView::runsLoaded);
    view->refresh();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(status(), QStringLiteral("interrupted"));
}

void TestRunsView::openSetsTheCurrentRun()
{
    auto view = loadedView(project_);
    QVERIFY(view);
    view->resize(1200, 800);
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    QTableView* table = view->tableView();
    const QString target = planned_.begin()->first;
    const QModelIndex index = view->sortedModel()->mapFromSource(view->tableModel()->index(view->tableModel()->rowOf(target), 0));
    table->scrollTo(index);
    const QPoint centre = table->visualRect(index).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
    QTRY_COMPARE(context_->runDirectory(), target);

    // The Open button with another single row selected.
    const QString other = std::next(planned_.begin())->first;
    const QModelIndex otherIndex = view->sortedModel()->mapFromSource(view->tableModel()->index(view->tableModel()->rowOf(other), 0));
    table->selectionModel()->select(otherIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    auto* open = view->findChild<QPushButton*>(QStringLiteral("open"));
    QVERIFY(open && open->isEnabled());
    open->click();
    QCOMPARE(context_->runDirectory(), other);

    // Two rows: Compare is enabled and compares student by default.
    table->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    auto* compare = view->findChild<QPushButton*>(QStringLiteral("compare"));
    QVERIFY(compare && compare->isEnabled());
    QSignalSpy shown(view->comparison(), &sb::ui::RunComparisonPanel::comparisonShown);
    compare->click();
    QVERIFY(shown.wait(30000));
    QCOMPARE(view->comparison()->model(), QStringLiteral("student"));
    QVERIFY(view->comparison()->hasComparison());
}

void TestRunsView::stateAndExport()
{
    auto view = loadedView(project_);
    QVERIFY(view);
    const QString a = planned_.begin()->first, b = std::prev(planned_.end())->first;
    QSignalSpy shown(view->comparison(), &sb::ui::RunComparisonPanel::comparisonShown);
    view->compare(a, b, QStringLiteral("ensemble"));
    QVERIFY(shown.wait(30000));
    view->curve()->setMetric(QStringLiteral("seen"));
    const QJsonObject state = view->state();
    QCOMPARE(state[QStringLiteral("metric")].toString(), QStringLiteral("seen"));
    QVERIFY(state[QStringLiteral("compareA")].toString().startsWith(QStringLiteral("runs/")));  // relative to the project
    QCOMPARE(state[QStringLiteral("model")].toString(), QStringLiteral("ensemble"));

    auto restored = loadedView(project_);
    QVERIFY(restored);
    QSignalSpy restoredShown(restored->comparison(), &sb::ui::RunComparisonPanel::comparisonShown);
    restored->applyState(state);
    QVERIFY(restoredShown.wait(30000));
    QCOMPARE(restored->comparison()->runA(), a);
    QCOMPARE(restored->comparison()->runB(), b);
    QCOMPARE(restored->curve()->metric(), QStringLiteral("seen"));
    QCOMPARE(restored->state(), state);
    restored->applyState({});
    QCOMPARE(restored->curve()->metric(), QStringLiteral("accuracy"));
    QVERIFY(!restored->comparison()->hasComparison());

    QTemporaryDir out;
    QStringList written, errors;
    view->exportData(out.path(), &written, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    for (const char* name : {"runs-table.csv", "runs-learning-curve.csv", "runs-comparison.csv"})
        QVERIFY(written.contains(out.filePath(QLatin1String(name))));
    QFile table(out.filePath(QStringLiteral("runs-table.csv")));
    QVERIFY(table.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(table.readAll()).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), int(planned_.size()) + 2);  // header, runs, the broken one
    QVERIFY(lines[0].startsWith(QStringLiteral("path,name,split_percent")));
    QFile curve(out.filePath(QStringLiteral("runs-learning-curve.csv")));
    QVERIFY(curve.open(QIODevice::ReadOnly));
    const QString curveText = QString::fromUtf8(curve.readAll());
    QVERIFY(curveText.startsWith(QStringLiteral("kind,percent,mean,std,runs")));
    QCOMPARE(curveText.count(QStringLiteral("dcase2024-baseline,")), 5);
}

void TestRunsView::newRunAppears()
{
    QTemporaryDir other;
    const QString project = other.filePath(QStringLiteral("p"));
    RunFixtureParams p;
    p.runDirectory = project + QStringLiteral("/runs/first");
    RunFixture::write(p);
    auto view = loadedView(project);
    QVERIFY(view);
    QCOMPARE(view->tableModel()->rowCount(), 1);
    QSignalSpy loaded(view.get(), &RunsView::runsLoaded);
    p.runDirectory = project + QStringLiteral("/runs/second");
    RunFixture::write(p);
    // The watcher on runs/ (or, shown, the 2-s poll) reloads without a click.
    view->show();
    QTRY_COMPARE_WITH_TIMEOUT(view->tableModel()->rowCount(), 2, 15000);
    QVERIFY(loaded.count() >= 1);
}

QTEST_MAIN(TestRunsView)
#include "tst_RunsView.moc"
