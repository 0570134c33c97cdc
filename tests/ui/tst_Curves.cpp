// Tests of the Curves view's data path: the incremental metrics.jsonl reader, the run
// model (QAbstractItemModelTester), replay of the recorded demo run, and following a
// copy of it while lines are appended (with a partial last line in between).
#include "ui/curves/CurvesView.h"
#include "ui/jobs/JobBridge.h"
#include "ui/workbench/WorkbenchContext.h"
#include "ui/curves/MetricsTail.h"
#include "ui/curves/RunFollower.h"
#include "ui/curves/RunMetricsModel.h"
#include "ui/main/Theme.h"
#include "ui/plots/PlotWidget.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using sb::ui::MetricsTail;
using sb::ui::RunMetricsModel;

namespace {

const QString kDemoRun = QStringLiteral(SCENEBENCH_TEST_DATA "/runs/demo-run");

QList<QByteArray> demoLines()
{
    QFile file(kDemoRun + QStringLiteral("/metrics.jsonl"));
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read the demo run fixture");
    QList<QByteArray> lines = file.readAll().split('\n');
    while (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
    return lines;
}

// How many lines of the fixture match all of the given "key":value fragments.
int countLines(const QList<QByteArray>& lines, std::initializer_list<const char*> fragments)
{
    int n = 0;
    for (const QByteArray& line : lines) {
        bool all = true;
        for (const char* f : fragments) all = all && line.contains(f);
        n += all;
    }
    return n;
}

void append(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    QCOMPARE(file.write(bytes), bytes.size());
}

const RunMetricsModel::Series* findSeries(const RunMetricsModel& model, const QString& name, const QString& event,
                                          const QString& metric)
{
    for (const auto& s : model.series())
        if (s.model == name && s.event == event && s.metric == metric) return &s;
    return nullptr;
}

}  // namespace

// A Curves view (with what it stands on) following the demo run.
struct DemoCurves {
    sb::ui::Theme theme;
    sb::ui::JobBridge jobs;
    sb::ui::WorkbenchContext context{&jobs, &theme};
    sb::ui::CurvesView view{&context};
    DemoCurves() { view.setRunDirectory(kDemoRun); }
};

class TestCurves : public QObject {
    Q_OBJECT
private slots:
    void tailLeavesPartialLineForLater()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("metrics.jsonl"));
        MetricsTail tail(path);
        QVERIFY(tail.readNew().events.empty());  // no file yet: not an error
        append(path, "{\"event\":\"step\",\"model\":\"student\",\"step\":0,\"loss\":2.5}\n{\"event\":\"st");
        auto batch = tail.readNew();
        QCOMPARE(batch.events.size(), size_t(1));
        QCOMPARE(batch.events[0].values.value(QStringLiteral("loss")), 2.5);
        QVERIFY(batch.problems.isEmpty());
        append(path, "ep\",\"model\":\"student\",\"step\":1,\"loss\":2.25}\n");
        batch = tail.readNew();
        QCOMPARE(batch.events.size(), size_t(1));
        QCOMPARE(batch.events[0].step, qint64(1));
        QVERIFY(tail.readNew().events.empty());
    }

    void tailSkipsBadLinesAndSaysWhere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("metrics.jsonl"));
        append(path, "{\"event\":\"step\",\"step\":0}\nnot json\n[1,2]\n{\"model\":\"x\"}\n{\"event\":\"epoch\",\"epoch\":0}\n");
        MetricsTail tail(path);
        const auto batch = tail.readNew();
        QCOMPARE(batch.events.size(), size_t(2));
        QCOMPARE(batch.problems.size(), 3);
        QVERIFY(batch.problems[0].startsWith(QStringLiteral("metrics.jsonl:2: not valid JSON")));
        QCOMPARE(batch.problems[1], QStringLiteral("metrics.jsonl:3: not a JSON object"));
        QCOMPARE(batch.problems[2], QStringLiteral("metrics.jsonl:4: no \"event\" key"));
    }

    void tailStartsOverWhenFileIsReplaced()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("metrics.jsonl"));
        append(path, "{\"event\":\"step\",\"model\":\"a\",\"step\":0}\n{\"event\":\"step\",\"model\":\"a\",\"step\":1}\n");
        MetricsTail tail(path);
        QCOMPARE(tail.readNew().events.size(), size_t(2));
        QVERIFY(QFile::remove(path));
        append(path, "{\"event\":\"step\",\"model\":\"b\",\"step\":0}\n");
        const auto batch = tail.readNew();
        QVERIFY(batch.restarted);
        QCOMPARE(batch.events.size(), size_t(1));
        QCOMPARE(batch.events[0].model, QStringLiteral("b"));
    }

    void tailReadsInBoundedChunks()
    {
        const auto lines = demoLines();
        MetricsTail tail(kDemoRun + QStringLiteral("/metrics.jsonl"));
        size_t total = 0;
        int reads = 0;
        for (bool more = true; more; ++reads) {
            auto batch = tail.readNew(16 * 1024);
            total += batch.events.size();
            more = batch.more;
        }
        QVERIFY(reads > 5);
        QCOMPARE(total, size_t(lines.size()));
    }

    void modelPassesTester()
    {
        RunMetricsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MetricsTail tail(kDemoRun + QStringLiteral("/metrics.jsonl"));
        for (bool more = true; more;) {
            auto batch = tail.readNew(20 * 1024);
            model.appendEvents(std::move(batch.events));
            more = batch.more;
        }
        QCOMPARE(model.rowCount(), int(demoLines().size()));
        QCOMPARE(model.columnCount(), RunMetricsModel::FixedColumns + int(RunMetricsModel::metricColumns().size()));
        const QModelIndex first = model.index(0, RunMetricsModel::ModelColumn);
        QCOMPARE(first.data(RunMetricsModel::ModelRole).toString(), QStringLiteral("teacher-1"));
        QCOMPARE(first.data(RunMetricsModel::EventRole).toString(), QStringLiteral("stage"));
        const int loss = RunMetricsModel::FixedColumns + int(RunMetricsModel::metricColumns().indexOf(QStringLiteral("loss")));
        QCOMPARE(model.index(1, loss).data(RunMetricsModel::ValueRole).toDouble(), 2.8361);
        QVERIFY(std::isnan(model.index(0, loss).data(RunMetricsModel::ValueRole).toDouble()));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void replaysRecordedRun()
    {
        const auto lines = demoLines();
        RunMetricsModel model;
        sb::ui::RunFollower follower(&model);
        follower.setRunDirectory(kDemoRun);
        QTRY_COMPARE(model.rowCount(), int(lines.size()));
        QCOMPARE(model.models(), (QStringList{QStringLiteral("teacher-1"), QStringLiteral("teacher-2"), QStringLiteral("student")}));
        QVERIFY(follower.problems().isEmpty());
        const auto* ce = findSeries(model, QStringLiteral("student"), QStringLiteral("step"), QStringLiteral("ce"));
        QVERIFY(ce);
        QCOMPARE(ce->points.size(), countLines(lines, {"\"event\":\"step\"", "\"model\":\"student\""}));
        const auto* val = findSeries(model, QStringLiteral("teacher-2"), QStringLiteral("epoch"), QStringLiteral("val_acc"));
        QVERIFY(val);
        QCOMPARE(val->points.size(), countLines(lines, {"\"event\":\"epoch\"", "\"model\":\"teacher-2\""}));
        // x is the global step the epoch ended on, y the value as written.
        QCOMPARE(val->points.first().x(), 19.0);
        QVERIFY(val->points.first().y() > 0 && val->points.first().y() < 1);
    }

    void followsAGrowingRun()
    {
        const auto lines = demoLines();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("metrics.jsonl"));
        sb::ui::Theme theme;
        sb::ui::JobBridge jobs;
        sb::ui::WorkbenchContext context(&jobs, &theme);
        sb::ui::CurvesView view(&context);
        view.resize(1000, 700);
        view.show();
        view.setRunDirectory(dir.path());  // nothing written yet
        QCOMPARE(view.model()->rowCount(), 0);
        view.redraw();
        for (const sb::ui::PlotWidget* plot : view.plots()) QVERIFY(plot->placeholder().contains(QStringLiteral("No run yet")));

        // The writer appends in bursts that end mid-line, as a flushing process would.
        const int half = int(lines.size() / 2);
        QByteArray firstHalf;
        for (int i = 0; i < half; ++i) firstHalf += lines[i] + '\n';
        append(path, firstHalf + lines[half].left(10));
        QTRY_COMPARE(view.model()->rowCount(), half);
        QByteArray rest = lines[half].mid(10) + '\n';
        for (int i = half + 1; i < int(lines.size()); ++i) rest += lines[i] + '\n';
        const int burst = int(rest.size() / 7) + 1;
        for (int offset = 0; offset < rest.size(); offset += burst) {
            append(path, rest.mid(offset, burst));
            QTest::qWait(30);
        }
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), int(lines.size()), 5000);
        QVERIFY(view.follower()->problems().isEmpty());

        // The plots caught up too: every step point of the student's loss is drawn.
        view.redraw();
        QVERIFY(view.plots().first()->placeholder().isEmpty());
        QCustomPlot* loss = view.plots().first()->plot();
        const int studentSteps = countLines(lines, {"\"event\":\"step\"", "\"model\":\"student\""});
        bool found = false;
        for (int i = 0; i < loss->graphCount(); ++i)
            if (loss->graph(i)->name() == QStringLiteral("student loss") && loss->graph(i)->data()->size() == studentSteps)
                found = true;
        QVERIFY(found);
    }

    void smoothingKeepsRawData()
    {
        DemoCurves demo;
        sb::ui::CurvesView& view = demo.view;
        QTRY_VERIFY(view.model()->rowCount() > 0);
        view.redraw();
        QCustomPlot* loss = view.plots().first()->plot();
        view.setSmoothing(0.9);
        QCPGraph* raw = nullptr;
        QCPGraph* smooth = nullptr;
        for (int i = 0; i < loss->graphCount(); ++i) {
            QCPGraph* g = loss->graph(i);
            if (g->name() != QStringLiteral("student loss")) continue;
            (g->pen().color().alphaF() < 1 ? raw : smooth) = g;  // raw data is drawn faint
        }
        QVERIFY(raw && smooth);
        QCOMPARE(raw->data()->size(), smooth->data()->size());
        QVERIFY(raw->visible());
        // The smoothed line varies less than the raw data it follows.
        auto roughness = [](QCPGraph* g) {
            double sum = 0;
            for (int i = 1; i < g->data()->size(); ++i)
                sum += std::abs(g->data()->at(i)->value - g->data()->at(i - 1)->value);
            return sum;
        };
        QVERIFY(roughness(smooth) < 0.5 * roughness(raw));
        view.setSmoothing(0);
        QVERIFY(!raw->visible());
        QCOMPARE(smooth->data()->at(5)->value, raw->data()->at(5)->value);
    }

    void compactLegendOneColourPerModelOneStylePerKind()
    {
        DemoCurves demo;
        sb::ui::CurvesView& view = demo.view;
        QTRY_VERIFY(view.model()->rowCount() > 0);
        view.redraw();
        QCustomPlot* accuracy = view.plots().at(1)->plot();
        QStringList models;  // the models that have an accuracy series, from the model itself
        QStringList kinds;
        for (const auto& s : view.model()->series()) {
            if (!s.metric.endsWith(QLatin1String("acc"))) continue;
            if (!models.contains(s.model)) models << s.model;
            const QString kind = s.event == QLatin1String("epoch") ? s.metric : QStringLiteral("step");
            if (!kinds.contains(kind)) kinds << kind;
        }
        QVERIFY(models.size() >= 2);
        QStringList entries;
        for (int i = 0; i < accuracy->legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(accuracy->legend->item(i)))
                entries << item->plottable()->name();
        QCOMPARE(entries.size(), models.size() + kinds.size());
        for (const QString& m : std::as_const(models)) QVERIFY2(entries.contains(m), qPrintable(m));
        // No entry per model x metric any more.
        QVERIFY(!entries.contains(QStringLiteral("student acc")));
        // The legend keys carry no data: exports and zoom see only the real series.
        for (int i = 0; i < accuracy->graphCount(); ++i)
            if (accuracy->legend->hasItemWithPlottable(accuracy->graph(i))) QCOMPARE(accuracy->graph(i)->dataCount(), 0);
    }
};

QTEST_MAIN(TestCurves)
#include "tst_Curves.moc"
