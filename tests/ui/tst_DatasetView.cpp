// Tests of the Dataset view on the real DCASE 2024 split lists (tests/data): the counts
// model (QAbstractItemModelTester), the subset control driving the counts (official
// splits, custom nested subsets, the test list, a missing split reported not fatal),
// the % of full set display and the clips behind a cell.
#include "core/common/Dcase.h"
#include "core/data/Counts.h"
#include "core/data/DatasetLoader.h"
#include "core/data/SubsetChoice.h"
#include "ui/dataset/DatasetCountsModel.h"
#include "ui/dataset/DatasetView.h"
#include "ui/dataset/SubsetControl.h"
#include "ui/jobs/JobBridge.h"
#include "ui/main/Theme.h"
#include "ui/plots/PlotWidget.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QAbstractItemModelTester>
#include <QListWidget>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

using sb::ui::DatasetCountsModel;
using sb::ui::DatasetView;

namespace {

const QString kSplits = QStringLiteral(SCENEBENCH_TEST_DATA "/dcase2024-task1-splits");

sb::DatasetIndex loadSplits()
{
    sb::DatasetLoadParams params;
    params.root = kSplits.toStdString();
    sb::CancellationToken token;
    return sb::loadDataset(params, nullptr, token);
}

qint64 total(const DatasetCountsModel& m) { return m.count(m.categoryRows(), m.deviceColumns()); }

}  // namespace

class TestDatasetView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void countsModelPassesTester()
    {
        const sb::DatasetIndex index = loadSplits();
        DatasetCountsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto split5 = sb::selectClips(index, sb::SubsetChoice::official(5));
        const auto pool = sb::selectClips(index, sb::SubsetChoice::custom(100, 0));
        model.setCounts(sb::Counts::of(index, split5.clips), sb::Counts::of(index, pool.clips));
        QCOMPARE(model.rowCount(), int(sb::dcase::kScenes.size()) + 1);
        QCOMPARE(model.columnCount(), int(sb::dcase::kDevices.size()) + 1);
        const QModelIndex all = model.index(model.rowCount() - 1, model.columnCount() - 1);
        QCOMPARE(all.data(DatasetCountsModel::CountRole).toLongLong(), qint64(6980));
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(DatasetCountsModel::CountRole).toLongLong(), qint64(5080));  // device a
        QCOMPARE(model.index(0, 0).data(DatasetCountsModel::RowLabelRole).toString(), QStringLiteral("airport"));
        model.setRows(DatasetCountsModel::Rows::Cities);
        QCOMPARE(model.rowCount(), int(index.cities.size()) + 1);
        QCOMPARE(model.index(model.rowCount() - 1, model.columnCount() - 1).data(DatasetCountsModel::CountRole).toLongLong(),
                 qint64(6980));
        model.setDisplay(DatasetCountsModel::Display::PercentOfFull);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void subsetControlDrivesCounts()
    {
        sb::ui::JobBridge bridge;
        sb::ui::Theme theme;
        sb::ui::WorkbenchContext context(&bridge, &theme);
        DatasetView view(&context);
        // No made-up axes before a dataset is open: the heatmap says what to do instead.
        QVERIFY(view.heatmap()->placeholder().contains(QStringLiteral("No dataset open")));
        QSignalSpy shown(&view, &DatasetView::selectionShown);
        view.openFolder(kSplits);
        QVERIFY(shown.wait(20000));
        QVERIFY(view.heatmap()->placeholder().isEmpty());
        DatasetCountsModel* counts = view.countsModel();
        QCOMPARE(total(*counts), qint64(6980));  // the default: official 5 %

        // The clip shown on load is the view's own; one the user picks is the workbench's.
        auto* clipList = view.findChild<QListWidget*>();
        QVERIFY(clipList && clipList->count() > 1 && clipList->currentRow() == 0);
        QVERIFY(!context.clip().isValid());
        clipList->setCurrentRow(1);
        QVERIFY(context.clip().isValid());
        QVERIFY(context.clip().filename.endsWith(clipList->item(1)->text()));
        QVERIFY(context.clip().audioPath.startsWith(kSplits));

        auto choose = [&](const sb::SubsetChoice& choice) {
            shown.clear();
            view.subsetControl()->setChoice(choice);
            emit view.subsetControl()->choiceChanged();
            return shown.wait(20000);
        };
        QVERIFY(choose(sb::SubsetChoice::official(25)));
        QCOMPARE(total(*counts), qint64(34900));
        QCOMPARE(qint64(view.selection().clips.size()), qint64(34900));
        QVERIFY(choose(sb::SubsetChoice::test()));
        QCOMPARE(total(*counts), qint64(29680));

        // A custom percentage of the pool (split50 here: split100 is not in the test data),
        // nested for one seed.
        QVERIFY(choose(sb::SubsetChoice::custom(10, 3)));
        const qint64 pool = counts->fullCount(counts->categoryRows(), counts->deviceColumns());
        QCOMPARE(pool, qint64(69800));
        QVERIFY(std::abs(total(*counts) - 6980) <= 70);
        std::vector<size_t> ten = view.selection().clips;
        QVERIFY(choose(sb::SubsetChoice::custom(4, 3)));
        std::vector<size_t> four = view.selection().clips;
        std::sort(ten.begin(), ten.end());
        std::sort(four.begin(), four.end());
        QVERIFY(four.size() < ten.size());
        QVERIFY(std::includes(ten.begin(), ten.end(), four.begin(), four.end()));

        // Percent of the full set: a 4 % subset is about 4 % of every device.
        counts->setDisplay(DatasetCountsModel::Display::PercentOfFull);
        const QModelIndex deviceA = counts->index(counts->categoryRows(), 0);
        QVERIFY(std::abs(deviceA.data(DatasetCountsModel::PercentOfFullRole).toDouble() - 4.0) < 0.5);
        QVERIFY(deviceA.data().toString().endsWith(QLatin1Char('%')));

        // The clips behind a cell are exactly the cell's count.
        const auto cell = view.clipsInCell(0, 0, 1000000);
        QCOMPARE(qint64(cell.size()), counts->count(0, 0));

        // The full split is not in the test data: said plainly, nothing breaks.
        QVERIFY(choose(sb::SubsetChoice::official(100)));
        QVERIFY(view.summaryText().contains(QStringLiteral("not available")));
        QCOMPARE(counts->rowCount(), 0);
        QVERIFY(choose(sb::SubsetChoice::official(5)));
        QCOMPARE(total(*counts), qint64(6980));
    }

    void missingFolderIsReported()
    {
        sb::ui::JobBridge bridge;
        sb::ui::Theme theme;
        sb::ui::WorkbenchContext context(&bridge, &theme);
        DatasetView view(&context);
        QSignalSpy finished(&bridge, &sb::ui::JobBridge::jobFinished);
        view.openFolder(QStringLiteral("/nonexistent/tau22"));
        QVERIFY(finished.wait(10000));
        QVERIFY(view.summaryText().startsWith(QStringLiteral("Could not load the dataset")));
        QVERIFY(!view.index());
    }
};

QTEST_MAIN(TestDatasetView)
#include "tst_DatasetView.moc"
