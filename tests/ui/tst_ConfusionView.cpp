// Tests of the Confusion view on a synthetic finished run (RunFixture): a real mouse
// click on a matrix cell lists exactly that cell's clips (checked against
// predictions.csv parsed here), the matrices equal confusion.json, the clip list's
// top-3 columns equal the ensemble's and student's rows, row selection / arrow keys /
// Space drive the shared clip and the player, the difference matrix is B − A with the
// agreement rate, the clip list passes QAbstractItemModelTester, a malformed
// predictions.csv shows its error, and state and CSV export round-trip.
#include "RunFixture.h"
#include "core/common/Error.h"
#include "core/results/ModelPredictions.h"
#include "ui/audio/ClipPlayer.h"
#include "ui/confusion/ClipListModel.h"
#include "ui/confusion/ComparePanel.h"
#include "ui/confusion/ConfusionView.h"
#include "ui/plots/MatrixPlot.h"
#include "ui/jobs/JobBridge.h"
#include "ui/main/Theme.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <memory>
#include <numeric>

using sb::ui::ClipListModel;
using sb::ui::ConfusionView;
using sb::ui::MatrixPlot;

namespace {

// One row of a predictions.csv, read here independently of core/results.
struct CsvRow {
    QString filename, label, scene, device;
    QVector<double> probabilities;
};
struct Csv {
    QStringList classes;
    QVector<CsvRow> rows;
};

Csv readPredictions(const QString& run, const QString& model)
{
    QFile file(run + QStringLiteral("/models/") + model + QStringLiteral("/predictions.csv"));
    if (!file.open(QIODevice::ReadOnly)) return {};
    Csv csv;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    csv.classes = lines.value(0).split(QLatin1Char('\t')).mid(2);
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList f = lines[i].split(QLatin1Char('\t'));
        CsvRow row{f[0], f[1], {}, {}, {}};
        const QString base = QFileInfo(row.filename).completeBaseName();
        row.scene = base.section(QLatin1Char('-'), 0, 0);
        row.device = base.section(QLatin1Char('-'), -1);
        for (int c = 2; c < f.size(); ++c) row.probabilities << f[c].toDouble();
        csv.rows << row;
    }
    return csv;
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Row-major counts of a matrix in confusion.json ("all" or per_device[device]).
QVector<long> jsonCounts(const QString& run, const QString& model, const QString& device)
{
    const QJsonObject json = readJson(run + QStringLiteral("/models/") + model + QStringLiteral("/confusion.json"));
    const QJsonArray rows = device.isEmpty() ? json.value(QStringLiteral("all")).toArray()
                                             : json.value(QStringLiteral("per_device")).toObject().value(device).toArray();
    QVector<long> counts;
    for (const QJsonValue& r : rows)
        for (const QJsonValue& v : r.toArray()) counts << long(v.toDouble());
    return counts;
}

QVector<long> plotCounts(const MatrixPlot* plot)
{
    QVector<long> counts;
    for (double v : plot->cells().values) counts << long(std::lround(v));
    return counts;
}

QStringList listed(const ClipListModel* model)
{
    QStringList files;
    for (int r = 0; r < model->rowCount(); ++r) files << model->index(r, 0).data(ClipListModel::FilenameRole).toString();
    return files;
}

void clickCellWithMouse(MatrixPlot* plot, int row, int column)
{
    QTest::mouseClick(plot->plot(), Qt::LeftButton, Qt::NoModifier, plot->cellCenter(row, column));
}

struct Env {
    QTemporaryDir dir;
    RunFixtureParams params;
    RunFixture run;
    sb::ui::JobBridge jobs;
    sb::ui::Theme theme;
    sb::ui::WorkbenchContext context{&jobs, &theme};
    std::unique_ptr<ConfusionView> view;

    explicit Env(std::map<std::string, double> models = {}, int clips = 3)
    {
        params.runDirectory = dir.filePath(QStringLiteral("run"));
        params.audioFolder = dir.filePath(QStringLiteral("data"));
        params.clipsPerSceneDevice = clips;
        if (!models.empty()) params.models = models;
        run = RunFixture::write(params);
    }
    // Opens the view on the run and waits for its predictions.
    bool open()
    {
        view = std::make_unique<ConfusionView>(&context);
        view->resize(1400, 900);
        view->show();
        if (!QTest::qWaitForWindowExposed(view.get())) return false;
        QSignalSpy loaded(view.get(), &ConfusionView::loaded);
        context.setRunDirectory(run.runDirectory);
        return loaded.wait(20000);
    }
};

}  // namespace

class TestConfusionView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void clickOnCellListsExactlyItsClips()
    {
        Env env;
        QVERIFY(env.open());
        ConfusionView& view = *env.view;
        QCOMPARE(view.model(), QStringLiteral("student"));
        const Csv csv = readPredictions(env.run.runDirectory, QStringLiteral("student"));
        QVERIFY(!csv.rows.isEmpty());
        // An off-diagonal cell of device b (a misclassified clip's) and a diagonal one.
        const auto wrong = std::find_if(csv.rows.begin(), csv.rows.end(), [](const CsvRow& r) {
            return r.device == QLatin1String("b") && r.scene != r.label;
        });
        QVERIFY(wrong != csv.rows.end());
        const QList<QPair<QString, QString>> cells = {{wrong->scene, wrong->label}, {csv.classes[3], csv.classes[3]}};
        for (const auto& [truth, predicted] : cells) {
            QStringList expected;
            for (const CsvRow& r : csv.rows)
                if (r.device == QLatin1String("b") && r.scene == truth && r.label == predicted) expected << r.filename;
            clickCellWithMouse(view.matrixPlot(QStringLiteral("b")), int(csv.classes.indexOf(truth)), int(csv.classes.indexOf(predicted)));
            QCOMPARE(listed(view.clipModel()), expected);
            QVERIFY(!expected.isEmpty());
        }
        // The overall matrix: every device.
        QStringList expected;
        for (const CsvRow& r : csv.rows)
            if (r.scene == wrong->scene && r.label == wrong->label) expected << r.filename;
        clickCellWithMouse(view.matrixPlot({}), int(csv.classes.indexOf(wrong->scene)), int(csv.classes.indexOf(wrong->label)));
        QCOMPARE(listed(view.clipModel()), expected);
    }

    void matricesEqualConfusionJson()
    {
        Env env;
        QVERIFY(env.open());
        ConfusionView& view = *env.view;
        for (const char* device : {"a", "b", "c", "s1", "s2", "s3", "s4", "s5", "s6"}) {
            const QString d = QString::fromLatin1(device);
            const QVector<long> expected = jsonCounts(env.run.runDirectory, QStringLiteral("student"), d);
            QCOMPARE(expected.size(), 100);
            QCOMPARE(plotCounts(view.matrixPlot(d)), expected);
            const bool unseen = d == QLatin1String("s4") || d == QLatin1String("s5") || d == QLatin1String("s6");
            QCOMPARE(view.matrixPlot(d)->titleText().contains(QStringLiteral("unseen")), unseen);
        }
        QCOMPARE(plotCounts(view.matrixPlot({})), jsonCounts(env.run.runDirectory, QStringLiteral("student"), {}));
        // Row-normalised: each row of a device sums to 100 %.
        view.setNormalised(true);
        const auto& values = view.matrixPlot(QStringLiteral("s5"))->cells().values;
        double row0 = 0;
        for (int c = 0; c < 10; ++c) row0 += values[size_t(c)];
        QVERIFY(qAbs(row0 - 100.0) < 1e-6);
        // The seen/unseen gap comes from summary-grade numbers of the evaluation.
        QVERIFY(view.statusText().contains(QStringLiteral("gap")));
    }

    void topThreeColumnsEqualPredictions()
    {
        Env env;
        QVERIFY(env.open());
        ConfusionView& view = *env.view;
        view.clickCell(QStringLiteral("c"), 2, 2);
        QVERIFY(view.clipModel()->rowCount() > 0);
        for (const auto& [name, role] : {std::pair{QStringLiteral("ensemble"), int(ClipListModel::EnsembleTopRole)},
                                         std::pair{QStringLiteral("student"), int(ClipListModel::StudentTopRole)}}) {
            const Csv csv = readPredictions(env.run.runDirectory, name);
            for (int r = 0; r < view.clipModel()->rowCount(); ++r) {
                const QString file = view.clipModel()->index(r, 0).data(ClipListModel::FilenameRole).toString();
                const auto row = std::find_if(csv.rows.begin(), csv.rows.end(), [&](const CsvRow& x) { return x.filename == file; });
                QVERIFY(row != csv.rows.end());
                QVector<int> order(csv.classes.size());
                std::iota(order.begin(), order.end(), 0);
                std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return row->probabilities[a] > row->probabilities[b]; });
                const QVariantList top = view.clipModel()->index(r, 0).data(role).toList();
                QCOMPARE(top.size(), 3);
                for (int k = 0; k < 3; ++k) {
                    const QVariantMap entry = top[k].toMap();
                    QCOMPARE(entry.value(QStringLiteral("scene")).toString(), csv.classes[order[k]]);
                    QVERIFY(qAbs(entry.value(QStringLiteral("probability")).toDouble() - row->probabilities[order[k]]) < 1e-5);
                }
            }
        }
    }

    void missingEnsembleShowsDash()
    {
        Env env({{"teacher-1", 0.7}, {"student", 0.6}}, 1);
        QVERIFY(env.open());
        env.view->clickCell(QStringLiteral("a"), 0, 0);
        QVERIFY(env.view->clipModel()->rowCount() > 0);
        const QModelIndex ensemble = env.view->clipModel()->index(0, ClipListModel::EnsembleColumn);
        QCOMPARE(ensemble.data().toString(), QStringLiteral("–"));
        QVERIFY(ensemble.data(ClipListModel::EnsembleTopRole).toList().isEmpty());
        QVERIFY(env.view->clipModel()->index(0, ClipListModel::StudentColumn).data().toString() != QStringLiteral("–"));
    }

    void selectionArrowKeysAndSpace()
    {
        Env env;
        QVERIFY(env.open());
        ConfusionView& view = *env.view;
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        const Csv csv = readPredictions(env.run.runDirectory, QStringLiteral("student"));
        QStringList wrongOnC;  // misclassified on device c, file order
        for (const CsvRow& r : csv.rows)
            if (r.device == QLatin1String("c") && r.scene != r.label) wrongOnC << r.filename;
        QVERIFY(wrongOnC.size() >= 2);
        const CsvRow& first = *std::find_if(csv.rows.begin(), csv.rows.end(), [&](const CsvRow& r) { return r.filename == wrongOnC[0]; });
        clickCellWithMouse(view.matrixPlot(QStringLiteral("c")), int(csv.classes.indexOf(first.scene)), int(csv.classes.indexOf(first.label)));
        const int row = view.clipModel()->find(first.filename);
        QVERIFY(row >= 0);
        view.clipTable()->selectionModel()->setCurrentIndex(view.clipModel()->index(row, 0),
                                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(env.context.clip().filename, first.filename);

        QTest::keyClick(view.clipTable(), Qt::Key_Right);
        QCOMPARE(env.context.clip().filename, wrongOnC[1]);
        const QModelIndex current = view.clipTable()->selectionModel()->currentIndex();
        QCOMPARE(current.data(ClipListModel::FilenameRole).toString(), wrongOnC[1]);
        QTest::keyClick(view.clipTable(), Qt::Key_Left);
        QCOMPARE(env.context.clip().filename, wrongOnC[0]);
        QTest::keyClick(view.clipTable(), Qt::Key_Left);  // wraps to the last one
        QCOMPARE(env.context.clip().filename, wrongOnC.last());

        QTest::keyClick(view.clipTable(), Qt::Key_Space);
        QCOMPARE(env.context.player()->currentPath(), QDir(env.params.audioFolder).filePath(wrongOnC.last()));
    }

    void differenceIsBMinusAWithAgreement()
    {
        Env env;
        QVERIFY(env.open());
        ConfusionView& view = *env.view;
        view.setModel(QStringLiteral("ensemble"));
        QSignalSpy compared(&view, &ConfusionView::compared);
        view.setCompareModel(QStringLiteral("student"));
        QVERIFY(compared.wait(20000));
        const QVector<long> a = jsonCounts(env.run.runDirectory, QStringLiteral("ensemble"), {});
        const QVector<long> b = jsonCounts(env.run.runDirectory, QStringLiteral("student"), {});
        QVector<long> expected;
        for (int i = 0; i < a.size(); ++i) expected << b[i] - a[i];
        QCOMPARE(plotCounts(view.differencePlot()), expected);
        const auto range = view.differencePlot()->cells().range;
        QCOMPARE(range.lower, -range.upper);

        const Csv ca = readPredictions(env.run.runDirectory, QStringLiteral("ensemble"));
        const Csv cb = readPredictions(env.run.runDirectory, QStringLiteral("student"));
        QHash<QString, QString> labelB;
        for (const CsvRow& r : cb.rows) labelB.insert(r.filename, r.label);
        int same = 0;
        for (const CsvRow& r : ca.rows) same += labelB.value(r.filename) == r.label;
        const double agreement = double(same) / double(ca.rows.size());
        QVERIFY(view.comparison());
        QVERIFY(qAbs(view.comparison()->agreement - agreement) < 1e-9);
        QVERIFY(view.agreementText().contains(QString::number(100 * agreement, 'f', 1)));

        // A click on a difference cell lists clips whose movements add up to B − A.
        int cell = 0;
        while (cell < expected.size() && expected[cell] == 0) ++cell;
        QVERIFY(cell < expected.size());
        view.tabs()->setCurrentIndex(2);
        clickCellWithMouse(view.differencePlot(), cell / 10, cell % 10);
        long net = 0;
        QHash<QString, QString> labelA;
        for (const CsvRow& r : ca.rows) labelA.insert(r.filename, r.label);
        const QString truth = ca.classes[cell / 10], predicted = ca.classes[cell % 10];
        for (const QString& f : listed(view.clipModel())) {
            QCOMPARE(QFileInfo(f).completeBaseName().section(QLatin1Char('-'), 0, 0), truth);
            net += (labelB.value(f) == predicted) - (labelA.value(f) == predicted);
        }
        QCOMPARE(net, expected[cell]);
    }

    void clipListModelPassesTester()
    {
        Env env({}, 2);
        QVERIFY(env.open());
        QAbstractItemModelTester tester(env.view->clipModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        env.view->clickCell(QStringLiteral("a"), 0, 0);
        env.view->clickCell({}, 1, 2);
        env.view->clickCell(QStringLiteral("s6"), 4, 4);
        QVERIFY(env.view->clipModel()->rowCount() >= 0);
        ClipListModel standalone;
        QAbstractItemModelTester standaloneTester(&standalone, QAbstractItemModelTester::FailureReportingMode::QtTest);
        standalone.setRows({ClipListModel::Row{QStringLiteral("audio/bus-lyon-1-2-0-a.wav"), QStringLiteral("bus"),
                                               QStringLiteral("a"), false, std::nullopt, ClipListModel::Top{{QStringLiteral("bus"), 0.9}}}});
        QCOMPARE(standalone.rowCount(), 1);
        QCOMPARE(standalone.index(0, ClipListModel::StudentColumn).data().toString(), QStringLiteral("bus 0.90"));
    }

    void malformedPredictionsShowTheError()
    {
        Env env({{"ensemble", 0.75}, {"student", 0.6}}, 1);
        const QString path = env.run.runDirectory + QStringLiteral("/models/student/predictions.csv");
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("audio/bus-lyon-1-2-0-a.wav\tbus\tnot-a-number\n");
        file.close();
        QString expected;
        try {
            sb::ModelPredictions::load(env.run.runDirectory.toStdString(), "student");
        } catch (const sb::Error& e) {
            expected = QString::fromStdString(e.message());
        }
        QVERIFY(!expected.isEmpty());
        QSignalSpy messages(&env.context, &sb::ui::WorkbenchContext::message);
        QVERIFY(env.open());
        QVERIFY(env.view->statusText().contains(expected));
        QVERIFY(env.view->matrixPlot({})->placeholder().contains(expected));
        QVERIFY(!messages.isEmpty() && messages.last().at(1).toBool());
        env.view->clickCell(QStringLiteral("a"), 0, 1);  // nothing to list, no crash
        QCOMPARE(env.view->clipModel()->rowCount(), 0);
        env.view->setModel(QStringLiteral("ensemble"));  // the other model still shows
        QVERIFY(env.view->matrixPlot({})->placeholder().isEmpty());
        QCOMPARE(plotCounts(env.view->matrixPlot({})), jsonCounts(env.run.runDirectory, QStringLiteral("ensemble"), {}));
    }

    void stateAndExport()
    {
        Env env;
        env.view = std::make_unique<ConfusionView>(&env.context);
        const QJsonObject state{{QStringLiteral("model"), QStringLiteral("ensemble")},
                                {QStringLiteral("compare"), QStringLiteral("student")},
                                {QStringLiteral("normalised"), false}};
        env.view->applyState(state);
        QCOMPARE(env.view->state(), state);
        QSignalSpy loaded(env.view.get(), &ConfusionView::loaded);
        QSignalSpy compared(env.view.get(), &ConfusionView::compared);
        env.context.setRunDirectory(env.run.runDirectory);
        QVERIFY(loaded.wait(20000));
        QVERIFY(compared.count() > 0 || compared.wait(20000));
        QCOMPARE(env.view->state(), state);
        env.view->clickCell(QStringLiteral("b"), 1, 1);

        QTemporaryDir out;
        QStringList written, errors;
        env.view->exportData(out.path(), &written, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        for (const char* name : {"confusion-ensemble-all.csv", "confusion-ensemble-s4.csv", "confusion-accuracy-ensemble.csv",
                                 "confusion-difference-ensemble-student.csv", "confusion-clips.csv"})
            QVERIFY2(written.contains(out.filePath(QString::fromLatin1(name))), name);
        QFile csv(out.filePath(QStringLiteral("confusion-ensemble-s4.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QVector<long> s4 = jsonCounts(env.run.runDirectory, QStringLiteral("ensemble"), QStringLiteral("s4"));
        const QStringList first = lines.value(1).split(QLatin1Char(','));
        for (int c = 0; c < 10; ++c) QCOMPARE(first.value(c + 1).toLong(), s4[c]);
        QFile clips(out.filePath(QStringLiteral("confusion-clips.csv")));
        QVERIFY(clips.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(clips.readAll()).count(QLatin1Char('\n')), env.view->clipModel()->rowCount() + 1);

        // The listed cell is part of the state: a new view opens on the same clips.
        const QJsonObject withCell = env.view->state();
        QCOMPARE(withCell.value(QStringLiteral("cell")).toObject().value(QStringLiteral("device")).toString(), QStringLiteral("b"));
        ConfusionView reopened(&env.context);  // loads the current run
        reopened.applyState(withCell);
        QTRY_VERIFY(reopened.predictions() != nullptr);
        QTRY_COMPARE(reopened.clipModel()->rowCount(), env.view->clipModel()->rowCount());
        QCOMPARE(reopened.state(), withCell);

        env.view->applyState({});  // a new project: the defaults
        QCOMPARE(env.view->model(), QStringLiteral("student"));
        QVERIFY(env.view->compareModel().isEmpty());
        QVERIFY(!env.view->state().contains(QStringLiteral("cell")));
    }
};

QTEST_MAIN(TestConfusionView)
#include "tst_ConfusionView.moc"
