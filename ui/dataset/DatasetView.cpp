#include "ui/dataset/DatasetView.h"

#include "ui/workbench/ErrorText.h"
#include "ui/workbench/WorkbenchContext.h"

#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/data/Counts.h"
#include "core/data/DatasetLoader.h"
#include "core/data/DemoDataset.h"
#include "core/train/ExperimentRunner.h"
#include "ui/dataset/ClipAudition.h"
#include "ui/dataset/DatasetCountsModel.h"
#include "ui/dataset/SubsetControl.h"
#include "ui/plots/ColorMaps.h"
#include "ui/plots/PlotWidget.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <QFileInfo>
#include <QLocale>

#include <cmath>
#include <map>
#include <optional>

namespace sb::ui {

namespace {
// A clip list longer than this is cut (the count says how many there are).
constexpr size_t kMaxListedClips = 500;

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

struct DatasetView::SelectionResult {
    sb::Selection selection;
    std::optional<sb::Counts> counts;
    std::optional<sb::Counts> full;
    QString fullName;  // what the selection is compared with
    QString error;
};

DatasetView::DatasetView(WorkbenchContext* context, QWidget* parent)
    : WorkbenchView(context, parent), bridge_(context->jobs()), loadSlot_(bridge_, this), selectSlot_(bridge_, this),
      sourceLabel_(new QLabel(tr("No dataset open."), this)), subset_(new SubsetControl(this)), rows_(new QComboBox(this)),
      display_(new QComboBox(this)), summary_(new QLabel(this)), table_(new QTableView(this)),
      counts_(new DatasetCountsModel(this)), heatmap_(new PlotWidget(tr("Clips per scene and device"), context->theme(), this)),
      report_(new QTreeWidget(this)), clipsLabel_(new QLabel(tr("Click a cell to list its clips."), this)),
      clips_(new QListWidget(this)),
      audition_(new ClipAudition(bridge_, context->theme(), context->player(), this))
{
    setObjectName(QStringLiteral("dataset"));
    auto* openFolder = new QPushButton(QIcon(QStringLiteral(":/icons/open.svg")), tr("Open Dataset…"), this);
    openFolder->setToolTip(tr("A TAU Urban Acoustic Scenes 2022 Mobile folder (meta.csv, evaluation_setup/, audio/) "
                              "or a folder of DCASE split lists"));
    auto* openDemo = new QPushButton(QIcon(QStringLiteral(":/icons/dataset.svg")), tr("Demo Dataset"), this);
    openDemo->setToolTip(tr("A small synthetic dataset in the TAU22 layout, generated on first use into %1")
                             .arg(QDir::toNativeSeparators(demoFolder())));
    sourceLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rows_->addItems({tr("Rows: scenes"), tr("Rows: cities")});
    display_->addItems({tr("Show counts"), tr("Show % of full set")});
    display_->setToolTip(tr("Percentages compare the chosen subset with the full training set, cell by cell"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    table_->setModel(counts_);
    table_->setAlternatingRowColors(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    heatmap_->plot()->legend->setVisible(false);
    report_->setHeaderLabels({tr("issue"), tr("where"), tr("what")});
    report_->setRootIsDecorated(true);
    report_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* views = new QTabWidget(this);
    views->addTab(heatmap_, tr("Heatmap"));
    views->addTab(table_, tr("Table"));
    views->addTab(report_, tr("Validation"));
    auto* clipPane = new QWidget(this);
    auto* clipLayout = new QVBoxLayout(clipPane);
    clipLayout->setContentsMargins(0, 0, 0, 0);
    clipLayout->addWidget(clipsLabel_);
    clipLayout->addWidget(clips_, 1);
    clipLayout->addWidget(audition_, 3);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(views);
    splitter->addWidget(clipPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(openFolder);
    sourceRow->addWidget(openDemo);
    sourceRow->addWidget(sourceLabel_, 1);
    auto* subsetRow = new QHBoxLayout;
    subsetRow->addWidget(subset_, 1);
    subsetRow->addWidget(rows_);
    subsetRow->addWidget(display_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(sourceRow);
    layout->addLayout(subsetRow);
    layout->addWidget(summary_);
    layout->addWidget(splitter, 1);

    connect(openFolder, &QPushButton::clicked, this, [this] {
        const QString root = QFileDialog::getExistingDirectory(this, tr("Open Dataset Folder"), source_);
        if (!root.isEmpty()) this->openFolder(root);
    });
    connect(openDemo, &QPushButton::clicked, this, &DatasetView::openDemo);
    connect(subset_, &SubsetControl::choiceChanged, this, [this] {
        updateSelection();
        emit stateEdited();
    });
    connect(rows_, &QComboBox::currentIndexChanged, this, [this](int i) {
        counts_->setRows(i == 0 ? DatasetCountsModel::Rows::Scenes : DatasetCountsModel::Rows::Cities);
        drawHeatmap();
        emit stateEdited();
    });
    connect(display_, &QComboBox::currentIndexChanged, this, [this](int i) {
        counts_->setDisplay(i == 0 ? DatasetCountsModel::Display::Counts : DatasetCountsModel::Display::PercentOfFull);
        drawHeatmap();
        emit stateEdited();
    });
    connect(table_, &QTableView::clicked, this, [this](const QModelIndex& i) { showClips(i.row(), i.column()); });
    connect(heatmap_->plot(), &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        const QCustomPlot* plot = heatmap_->plot();
        const int column = int(std::lround(plot->xAxis->pixelToCoord(event->pos().x())));
        const int row = int(std::lround(plot->yAxis->pixelToCoord(event->pos().y())));
        if (row >= 0 && row < counts_->categoryRows() && column >= 0 && column < counts_->deviceColumns()) showClips(row, column);
    });
    heatmap_->setHoverText([this](double key, double value) -> QString {
        const int column = int(std::lround(key)), row = int(std::lround(value));
        if (row < 0 || row >= counts_->categoryRows() || column < 0 || column >= counts_->deviceColumns()) return {};
        return tr("%1 on %2: %3 clips (%4 in the full set)")
            .arg(counts_->rowLabel(row), DatasetCountsModel::deviceLabel(column))
            .arg(counts_->count(row, column))
            .arg(counts_->fullCount(row, column));
    });
    connect(clips_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item && index_) clipChosen(size_t(item->data(Qt::UserRole).toULongLong()));
    });
    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(space, &QShortcut::activated, audition_, &ClipAudition::togglePlayback);
    if (bridge_)
        connect(bridge_, &JobBridge::jobFinished, this, [this](quint64 id, JobBridge::Outcome outcome, const QString& message) {
            if (id != loadSlot_.jobId()) return;
            // A failed load says why where the user is looking, not only in the status bar.
            if (outcome == JobBridge::Outcome::Failed) summary_->setText(tr("Could not load the dataset: %1").arg(message));
            if (outcome == JobBridge::Outcome::Cancelled) summary_->setText(tr("Loading cancelled."));
            emit runnableChanged();
        });
    summary_->setText(tr("Open a dataset folder or the demo dataset."));
    drawHeatmap();  // the placeholder until a dataset is open
}

QString DatasetView::demoFolder()
{
    // The folder runs use too (scenebench-cli and F5), so the demo is generated once.
    return QString::fromStdString(sb::demoDatasetFolder());
}

bool DatasetView::demoAvailable() { return sb::demo::isDemoDataset(demoFolder().toStdString()); }

void DatasetView::openFolder(const QString& root)
{
    load(tr("Load dataset %1").arg(QFileInfo(root).fileName()), QFileInfo(root).absoluteFilePath(), false);
    emit stateEdited();
}

void DatasetView::openDemo()
{
    load(demoAvailable() ? tr("Load demo dataset") : tr("Generate demo dataset"), demoFolder(), true);
    emit stateEdited();
}

bool DatasetView::canReload() const { return !source_.isEmpty() && !isLoading(); }

bool DatasetView::reload()
{
    if (!canReload()) return false;
    load(tr("Reload dataset"), source_, demo_);
    return true;
}

void DatasetView::load(const QString& title, const QString& root, bool demo)
{
    source_ = root;
    demo_ = demo;
    sourceLabel_->setText(demo ? tr("Demo dataset (%1)").arg(QDir::toNativeSeparators(root)) : QDir::toNativeSeparators(root));
    summary_->setText(tr("Loading…"));
    const std::string rootPath = root.toStdString();
    loadSlot_.run(
        title,
        [rootPath, demo](sb::JobObserver& observer, sb::CancellationToken& token) {
            if (demo && !sb::demo::isDemoDataset(rootPath)) {
                sb::demo::DemoDatasetParams params;
                params.outDir = rootPath;
                sb::demo::generateDemoDataset(params, &observer, token);
            }
            sb::DatasetLoadParams params;
            params.root = rootPath;
            return std::shared_ptr<const sb::DatasetIndex>(
                std::make_shared<sb::DatasetIndex>(sb::loadDataset(params, &observer, token)));
        },
        [this](const std::shared_ptr<const sb::DatasetIndex>& index) { showIndex(index); });
    emit runnableChanged();
}

void DatasetView::showIndex(std::shared_ptr<const sb::DatasetIndex> index)
{
    index_ = std::move(index);
    clips_->clear();
    showReport();
    updateSelection();
    emit datasetLoaded();
}

void DatasetView::updateSelection()
{
    if (!index_) return;
    const sb::SubsetChoice choice = subset_->choice();
    std::shared_ptr<const sb::DatasetIndex> index = index_;
    selectSlot_.run(
        tr("Select subset"),
        [index, choice](sb::JobObserver&, sb::CancellationToken&) {
            SelectionResult r;
            try {
                r.selection = sb::selectClips(*index, choice);
                // Training subsets are compared with the whole training pool, the rest with everything listed.
                const bool training = choice.kind == sb::SubsetChoice::Kind::Official || choice.kind == sb::SubsetChoice::Kind::Custom;
                const sb::Selection full = sb::selectClips(*index, training ? sb::SubsetChoice::custom(100, 0) : sb::SubsetChoice::all());
                r.fullName = training ? QString::fromStdString(index->trainingPoolName()) : tr("all listed clips");
                r.counts = sb::Counts::of(*index, r.selection.clips);
                r.full = sb::Counts::of(*index, full.clips);
            } catch (const sb::Error& e) {
                r.error = errorText(e);
            }
            return r;
        },
        [this](const SelectionResult& r) { showSelection(r); });
}

void DatasetView::showSelection(const SelectionResult& r)
{
    if (!r.error.isEmpty()) {
        selection_ = {};
        counts_->clear();
        drawHeatmap();
        summary_->setText(tr("This subset is not available: %1").arg(r.error));
        emit selectionShown();
        return;
    }
    selection_ = r.selection;
    counts_->setCounts(*r.counts, *r.full);
    drawHeatmap();
    // The largest per-device deviation from the full set's proportions: how unlike the whole it is.
    QString biggest;
    double worst = 0;
    for (int d = 0; d < counts_->deviceColumns(); ++d) {
        const double share = r.counts->total() ? double(r.counts->perDevice(d)) / double(r.counts->total()) : 0;
        const double fullShare = r.full->total() ? double(r.full->perDevice(d)) / double(r.full->total()) : 0;
        if (std::abs(share - fullShare) > std::abs(worst)) {
            worst = share - fullShare;
            biggest = DatasetCountsModel::deviceLabel(d);
        }
    }
    const double percent = r.full->total() ? 100.0 * double(r.counts->total()) / double(r.full->total()) : 0;
    QString text = tr("<b>%1</b>: %2 clips, %3% of %4 (%5 clips).")
                       .arg(fromStd(r.selection.description).toHtmlEscaped())
                       .arg(QLocale().toString(qint64(r.counts->total())))
                       .arg(percent, 0, 'f', 1)
                       .arg(r.fullName.toHtmlEscaped())
                       .arg(QLocale().toString(qint64(r.full->total())));
    if (!biggest.isEmpty())
        text += tr(" Largest device-share difference: %1 %2%3 points.")
                    .arg(biggest, worst >= 0 ? QStringLiteral("+") : QString())
                    .arg(100 * worst, 0, 'f', 1);
    if (index_->audioChecked)
        text += tr(" Audio present for %1 of %2 listed clips.").arg(index_->clipsWithAudio()).arg(index_->clips.size());
    if (!index_->report.clean()) text += tr(" %1 validation issues (see Validation).").arg(index_->report.total());
    summary_->setText(text);
    if (clips_->count() == 0) {
        // Something to look at and listen to straight away: the first cell's first clip.
        // Not the workbench's current clip: only a clip the user picks becomes that.
        showClips(0, 0);
        autoSelecting_ = true;
        if (clips_->count() > 0) clips_->setCurrentRow(0);
        autoSelecting_ = false;
    }
    emit selectionShown();
}

QString DatasetView::summaryText() const { return summary_->text(); }

void DatasetView::drawHeatmap()
{
    QCustomPlot* plot = heatmap_->plot();
    plot->clearPlottables();
    plot->clearItems();
    for (int i = plot->plotLayout()->elementCount() - 1; i >= 0; --i)
        if (qobject_cast<QCPColorScale*>(plot->plotLayout()->elementAt(i))) plot->plotLayout()->removeAt(i);
    plot->plotLayout()->simplify();
    const int rows = counts_->categoryRows(), columns = counts_->deviceColumns();
    if (rows == 0) {
        heatmap_->setPlaceholder(tr("No dataset open.\nOpen a TAU22 folder, or the built-in demo, with the buttons above."));
        return;
    }
    heatmap_->setPlaceholder({});
    const bool percent = counts_->display() == DatasetCountsModel::Display::PercentOfFull;
    auto* map = new QCPColorMap(plot->xAxis, plot->yAxis);
    map->setName(percent ? tr("% of full set") : tr("clips"));
    map->data()->setSize(columns, rows);
    map->data()->setRange(QCPRange(0, columns - 1), QCPRange(0, rows - 1));
    map->setInterpolate(false);  // cells, not a blurred surface
    auto xTicks = QSharedPointer<QCPAxisTickerText>::create();
    auto yTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < columns; ++c) xTicks->addTick(c, DatasetCountsModel::deviceLabel(c));
    for (int r = 0; r < rows; ++r) {
        yTicks->addTick(r, counts_->rowLabel(r));
        for (int c = 0; c < columns; ++c) {
            const qint64 n = counts_->count(r, c), full = counts_->fullCount(r, c);
            const double value = percent ? (full > 0 ? 100.0 * double(n) / double(full) : std::nan("")) : double(n);
            map->data()->setCell(c, r, value);
            auto* label = new QCPItemText(plot);
            label->position->setCoords(c, r);
            label->setText(percent ? (full > 0 ? QString::number(value, 'f', 0) : QStringLiteral("–")) : QString::number(n));
            label->setFont(font());
            label->setClipToAxisRect(true);
        }
    }
    plot->xAxis->setTicker(xTicks);
    plot->yAxis->setTicker(yTicks);
    plot->xAxis->setLabel(tr("device"));
    plot->yAxis->setLabel(counts_->rows() == DatasetCountsModel::Rows::Scenes ? tr("scene") : tr("city"));
    plot->xAxis->grid()->setVisible(false);
    plot->yAxis->grid()->setVisible(false);
    plot->yAxis->setRangeReversed(true);  // first scene on top, as in the table
    auto* scale = new QCPColorScale(plot);
    plot->plotLayout()->addElement(1, 1, scale);
    scale->setLabel(map->name());
    map->setColorScale(scale);
    map->setGradient(ColorMaps::viridis());
    map->rescaleDataRange(true);
    if (percent) map->setDataRange(QCPRange(0, 100));
    // Text on dark cells white, on light cells black (viridis runs dark to light).
    const QCPRange range = map->dataRange();
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto* label = qobject_cast<QCPItemText*>(plot->item(i));
        const int c = int(std::lround(label->position->key())), r = int(std::lround(label->position->value()));
        const double v = map->data()->cell(c, r);
        const bool dark = std::isnan(v) || (v - range.lower) < 0.6 * range.size();
        label->setColor(dark ? Qt::white : Qt::black);
    }
    heatmap_->setHomeRanges(QCPRange(-0.5, columns - 0.5), QCPRange(-0.5, rows - 0.5));
    heatmap_->applyTheme();
}

std::vector<size_t> DatasetView::clipsInCell(int row, int column, size_t limit) const
{
    std::vector<size_t> found;
    if (!index_) return found;
    const bool anyRow = row >= counts_->categoryRows(), anyDevice = column >= counts_->deviceColumns();
    const bool byScene = counts_->rows() == DatasetCountsModel::Rows::Scenes;
    for (size_t i : selection_.clips) {
        const sb::Clip& clip = index_->clips[i];
        if (!anyDevice && clip.device != column) continue;
        if (!anyRow && (byScene ? clip.scene : clip.city) != row) continue;
        found.push_back(i);
        if (found.size() >= limit) break;
    }
    return found;
}

void DatasetView::clipChosen(size_t index)
{
    const sb::Clip& clip = index_->clips[index];
    const QString path = QDir(fromStd(index_->root)).filePath(fromStd(clip.fileName));
    ClipRef ref;
    ref.filename = fromStd(clip.fileName);
    ref.audioPath = path;
    ref.scene = clip.scene >= 0 ? fromStd(std::string(sb::dcase::kScenes[size_t(clip.scene)])) : QString();
    ref.device = clip.device >= 0 ? fromStd(std::string(sb::dcase::kDevices[size_t(clip.device)])) : QString();
    ref.city = clip.city >= 0 ? fromStd(index_->cities[size_t(clip.city)]) : QString();
    if (!autoSelecting_) context()->setClip(ref);  // the Clip inspector and the other views follow
    if (index_->audioChecked && !clip.hasAudio) {
        audition_->setClip({}, {});
        clipsLabel_->setText(tr("%1: the audio file is missing.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    audition_->setClip(path, QFileInfo(path).fileName());
}

void DatasetView::showClips(int row, int column)
{
    clips_->clear();
    if (!index_ || counts_->isEmpty()) return;
    const std::vector<size_t> found = clipsInCell(row, column, kMaxListedClips);
    for (size_t i : found) {
        auto* item = new QListWidgetItem(QFileInfo(fromStd(index_->clips[i].fileName)).fileName(), clips_);
        item->setData(Qt::UserRole, qulonglong(i));
        if (index_->audioChecked && !index_->clips[i].hasAudio) item->setForeground(QColor(0xD55E00));
    }
    const qint64 total = counts_->count(row, column);
    clipsLabel_->setText(tr("%1 on %2: %3 clips%4")
                             .arg(counts_->rowLabel(row), DatasetCountsModel::deviceLabel(column))
                             .arg(total)
                             .arg(qint64(found.size()) < total ? tr(" (first %1 listed)").arg(found.size()) : QString()));
}

void DatasetView::showReport()
{
    report_->clear();
    const sb::ValidationReport& report = index_->report;
    if (report.clean()) {
        new QTreeWidgetItem(report_, {tr("no issues"), QString(), tr("every list row and file checked out")});
        return;
    }
    std::map<int, QTreeWidgetItem*> kinds;
    for (const sb::ValidationIssue& issue : report.entries()) {
        QTreeWidgetItem*& parent = kinds[int(issue.kind)];
        if (!parent)
            parent = new QTreeWidgetItem(report_, {QString::fromLatin1(sb::issueKindName(issue.kind)),
                                                   tr("%n problem(s)", nullptr, int(report.count(issue.kind))), QString()});
        const QString where = issue.line > 0 ? QStringLiteral("%1:%2").arg(fromStd(issue.file)).arg(issue.line) : fromStd(issue.file);
        QString what = fromStd(issue.message);
        if (issue.count > 1) what += tr(" (×%1)").arg(issue.count);
        new QTreeWidgetItem(parent, {QString(), where, what});
    }
}

QJsonObject DatasetView::state() const
{
    QJsonObject state;
    state.insert(QLatin1String("source"), source_.isEmpty() ? QString() : demo_ ? QStringLiteral("demo") : QStringLiteral("folder"));
    if (!demo_) state.insert(QLatin1String("path"), source_);
    state.insert(QLatin1String("subset"), subset_->state());
    state.insert(QLatin1String("rows"), rows_->currentIndex() == 0 ? QStringLiteral("scenes") : QStringLiteral("cities"));
    state.insert(QLatin1String("display"), display_->currentIndex() == 0 ? QStringLiteral("counts") : QStringLiteral("percent"));
    return state;
}

void DatasetView::applyState(const QJsonObject& state) { applyState(state, context()->projectFolder()); }

void DatasetView::applyState(const QJsonObject& state, const QString& projectFolder)
{
    {
        const QSignalBlocker a(rows_), b(display_);
        rows_->setCurrentIndex(state.value(QLatin1String("rows")).toString() == QLatin1String("cities") ? 1 : 0);
        display_->setCurrentIndex(state.value(QLatin1String("display")).toString() == QLatin1String("percent") ? 1 : 0);
        counts_->setRows(rows_->currentIndex() == 0 ? DatasetCountsModel::Rows::Scenes : DatasetCountsModel::Rows::Cities);
        counts_->setDisplay(display_->currentIndex() == 0 ? DatasetCountsModel::Display::Counts
                                                          : DatasetCountsModel::Display::PercentOfFull);
    }
    subset_->applyState(state.value(QLatin1String("subset")).toObject());
    const QString source = state.value(QLatin1String("source")).toString();
    QString root = state.value(QLatin1String("path")).toString();
    if (!root.isEmpty() && QDir::isRelativePath(root) && !projectFolder.isEmpty()) root = QDir(projectFolder).filePath(root);
    const QString wanted = source == QLatin1String("demo") ? demoFolder() : source == QLatin1String("folder") ? QDir::cleanPath(root) : QString();
    if (wanted != source_ && !wanted.isEmpty()) load(tr("Load dataset"), wanted, source == QLatin1String("demo"));
    else updateSelection();
}

}  // namespace sb::ui
