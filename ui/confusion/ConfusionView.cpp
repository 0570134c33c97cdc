#include "ui/confusion/ConfusionView.h"

#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "ui/audio/ClipPlayer.h"
#include "ui/confusion/ClipListModel.h"
#include "ui/confusion/ComparePanel.h"
#include "ui/confusion/ConfusionCells.h"
#include "ui/confusion/DeviceMatrixGrid.h"
#include "ui/plots/MatrixPlot.h"
#include "ui/plots/CsvFile.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace sb::ui {

using confusion::deviceTitle;

namespace {

QString clipCount(int n) { return n == 1 ? ConfusionView::tr("1 clip") : ConfusionView::tr("%1 clips").arg(n); }

// The k most probable scenes of a clip in model, or nothing when it lacks the model or the clip.
std::optional<ClipListModel::Top> topOf(const RunPredictions::Model* model, const std::string& filename)
{
    if (!model || !model->ok()) return std::nullopt;
    const long i = model->find(filename);
    if (i < 0) return std::nullopt;
    ClipListModel::Top top;
    for (const auto& [c, p] : model->predictions->topK(size_t(i), 3))
        top.emplace_back(QString::fromStdString(model->predictions->classNames.at(size_t(c))), double(p));
    return top;
}

}  // namespace

ConfusionView::ConfusionView(WorkbenchContext* context, QWidget* parent)
    : WorkbenchView(context, parent), loadSlot_(context->jobs(), this)
{
    setObjectName(QStringLiteral("confusion"));
    buildLayout();
    connectControls();
    load(context->runDirectory());
}

void ConfusionView::buildLayout()
{
    Theme* theme = context()->theme();
    model_ = new QComboBox(this);
    model_->setToolTip(tr("The model whose predictions the matrices count."));
    model_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    compare_ = new QComboBox(this);
    compare_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    compare_->setToolTip(tr("A second model of this run, shown side by side with the difference B − A."));
    normalised_ = new QCheckBox(tr("Row-normalised %"), this);
    normalised_->setToolTip(tr("Each cell as a share of its true class instead of a clip count."));
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Model"), this));
    controls->addWidget(model_);
    controls->addWidget(new QLabel(tr("Compare with"), this));
    controls->addWidget(compare_);
    controls->addWidget(normalised_);
    controls->addStretch(1);

    matrices_ = new DeviceMatrixGrid(theme, this);
    accuracy_ = new MatrixPlot(tr("Confusion accuracy device x scene"), theme, this);
    accuracy_->setTitleText(tr("Accuracy per device and scene (%)"));
    accuracy_->setAxisLabels(tr("scene"), tr("device"));
    accuracy_->plot()->xAxis->setTickLabelRotation(25);

    comparePanel_ = new ComparePanel(context()->jobs(), theme, this);

    tabs_ = new QTabWidget(this);
    tabs_->addTab(matrices_, tr("Matrices"));
    tabs_->addTab(accuracy_, tr("Device × scene"));
    tabs_->addTab(comparePanel_, tr("Compare"));

    clipsLabel_ = new QLabel(tr("Click a cell of a matrix to list its clips."), this);
    clipsLabel_->setWordWrap(true);
    clips_ = new ClipListModel(this);
    table_ = new QTableView(this);
    table_->setModel(clips_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 4);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setToolTip(tr("Space plays the selected clip; Left/Right step through the misclassified clips."));
    auto* clipPanel = new QWidget(this);
    auto* clipLayout = new QVBoxLayout(clipPanel);
    clipLayout->setContentsMargins(0, 0, 0, 0);
    clipLayout->addWidget(clipsLabel_);
    clipLayout->addWidget(table_, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(tabs_);
    splitter->addWidget(clipPanel);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({720, 150});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(status_);
    layout->addWidget(splitter, 1);
}

void ConfusionView::connectControls()
{
    connect(model_, &QComboBox::currentIndexChanged, this, [this] {
        cell_ = {};
        clips_->setRows({});
        showModel();
        emit stateEdited();
    });
    connect(compare_, &QComboBox::currentIndexChanged, this, [this] {
        startCompare();
        emit stateEdited();
    });
    connect(normalised_, &QCheckBox::toggled, this, [this] {
        showModel();
        emit stateEdited();
    });
    connect(matrices_, &DeviceMatrixGrid::cellClicked, this,
            [this](const QString& device, int r, int c) { clickCell(model(), device, r, c); });
    connect(comparePanel_, &ComparePanel::cellClicked, this, [this](ComparePanel::Plot plot, int r, int c) {
        clickCell(plot == ComparePanel::PlotB ? compareModel() : model(), {}, r, c, plot == ComparePanel::PlotDifference);
    });
    connect(comparePanel_, &ComparePanel::compared, this, &ConfusionView::compared);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& index) {
        if (index.isValid()) context()->setClip(context()->clipFromRun(clips_->row(index.row()).filename));
    });
    // Shortcuts of the whole view (plots, list, controls): the same keys as everywhere.
    const auto shortcut = [this](int key, auto action) {
        auto* s = new QShortcut(QKeySequence(key), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, action);
    };
    shortcut(Qt::Key_Space, [this] { togglePlayback(); });
    shortcut(Qt::Key_Right, [this] { stepMisclassified(+1); });
    shortcut(Qt::Key_Left, [this] { stepMisclassified(-1); });
    connect(context()->jobs(), &JobBridge::jobFinished, this,
            [this](quint64 id, JobBridge::Outcome outcome, const QString& message) {
                if (id != loadSlot_.jobId() || outcome != JobBridge::Outcome::Failed) return;
                showAll(tr("Could not load the predictions: %1").arg(message));
                emit loaded();
            });
}

// --- loading -------------------------------------------------------------------------

void ConfusionView::runChanged(const QString& directory) { load(directory); }

void ConfusionView::load(const QString& directory)
{
    comparePanel_->clear(tr("Choose a second model to compare with."));
    data_.reset();
    cell_ = {};
    clips_->setRows({});
    if (directory.isEmpty()) {
        loadSlot_.cancel();
        showAll(tr("Open a run to see its confusion matrices."));
        return;
    }
    showAll(tr("Loading the predictions of %1…").arg(QFileInfo(directory).fileName()));
    const quint64 id = loadSlot_.run(
        tr("Load predictions of %1").arg(QFileInfo(directory).fileName()),
        [directory](sb::JobObserver&, sb::CancellationToken& token) {
            return std::make_shared<const RunPredictions>(RunPredictions::load(directory, token));
        },
        [this](const std::shared_ptr<const RunPredictions>& result) { showPredictions(result); });
    if (id == 0) showAll(tr("Cannot load predictions: no job runner."));
}

void ConfusionView::showPredictions(std::shared_ptr<const RunPredictions> result)
{
    data_ = std::move(result);
    const QString wantedModel = hasPending_ ? pendingModel_ : QStringLiteral("student");
    const QString wantedCompare = hasPending_ ? pendingCompare_ : QString();
    hasPending_ = false;
    {
        const QSignalBlocker blockModel(model_), blockCompare(compare_);
        model_->clear();
        compare_->clear();
        compare_->addItem(tr("(none)"), QString());
        for (const QString& name : data_->names()) {
            model_->addItem(name, name);
            compare_->addItem(name, name);
        }
        model_->setCurrentIndex(qMax(0, model_->findData(wantedModel)));
        compare_->setCurrentIndex(qMax(0, compare_->findData(wantedCompare)));
    }
    if (data_->models.empty()) {
        const QString text = tr("This run has no predictions yet (models/<model>/predictions.csv).");
        showAll(text);
        context()->showMessage(text, true);
    } else {
        showModel();
        showPendingCell();
    }
    emit loaded();
}

void ConfusionView::showAll(const QString& placeholder)
{
    status_->setText(placeholder);
    matrices_->clear(placeholder);
    accuracy_->clearCells(placeholder);
    comparePanel_->clear(placeholder);
}

// --- drawing -------------------------------------------------------------------------

const RunPredictions::Model* ConfusionView::current() const { return data_ ? data_->find(model()) : nullptr; }

QStringList ConfusionView::classNames() const
{
    QStringList names;
    const RunPredictions::Model* m = current();
    if (m && m->ok())
        for (const std::string& c : m->predictions->classNames) names << QString::fromStdString(c);
    return names;
}

void ConfusionView::showModel()
{
    if (!data_ || data_->models.empty()) return;
    const RunPredictions::Model* m = current();
    if (!m || !m->ok()) {
        const QString text = m ? tr("Cannot show %1: %2").arg(m->name, m->error) : tr("Choose a model.");
        showAll(text);
        if (m) context()->showMessage(text, true);
        startCompare();
        return;
    }
    const QStringList classes = classNames();
    const sb::EvaluationResult& e = m->evaluation;
    matrices_->setMatrices(e, classes, normalised());
    accuracy_->setCells(confusion::accuracyCells(e, classes));
    QString text = tr("%1: accuracy %2 % over %3 clips · seen devices %4 %")
                       .arg(m->name)
                       .arg(100 * e.accuracy, 0, 'f', 1)
                       .arg(e.clips)
                       .arg(100 * e.seenAccuracy, 0, 'f', 1);
    if (std::isnan(e.unseenAccuracy)) text += tr(" · no clips from unseen devices");
    else
        text += tr(" · unseen devices (s4–s6) %1 % · gap %2 points")
                    .arg(100 * e.unseenAccuracy, 0, 'f', 1)
                    .arg(100 * (e.seenAccuracy - e.unseenAccuracy), 0, 'f', 1);
    status_->setText(text);
    startCompare();  // redraws (normalised) or compares anew
}

void ConfusionView::startCompare()
{
    const QString other = compareModel();
    tabs_->setTabEnabled(2, !other.isEmpty());
    const bool stale = !cell_.model.isEmpty() && cell_.model != model() && cell_.model != other;
    if (stale || (cell_.difference && other.isEmpty())) {
        cell_ = {};  // a cell of a comparison that is gone
        clips_->setRows({});
    }
    if (!data_ || data_->models.empty()) return;
    if (other.isEmpty()) {
        comparePanel_->clear(tr("Choose a second model to compare with."));
        return;
    }
    comparePanel_->setModels(current(), data_->find(other), normalised());
}

// --- cells, clips, keys ------------------------------------------------------------------

void ConfusionView::clickCell(const QString& device, int truth, int predicted) { clickCell(model(), device, truth, predicted); }

void ConfusionView::clickCell(const QString& model, const QString& device, int truth, int predicted, bool difference)
{
    cell_ = Cell{model, device, truth, predicted, difference};
    showCell(cell_);
    table_->setFocus();  // Up/Down walk the list at once
}

std::vector<std::string> ConfusionView::cellClips(const Cell& cell, const RunPredictions::Model& model) const
{
    const auto names = [&cell](const RunPredictions::Model& m) {
        std::vector<std::string> out;
        for (size_t i : m.predictions->clipsInCell(cell.device.toStdString(), cell.truth, cell.predicted))
            out.push_back(m.predictions->clips[i].filename);
        return out;
    };
    const RunPredictions::Model* other = cell.difference ? data_->find(compareModel()) : nullptr;
    if (!other || !other->ok()) return names(model);
    // The clips behind B − A: those (both models predicted) that left or entered the cell.
    const std::vector<std::string> inA = names(model), inB = names(*other);
    const std::set<std::string> setA(inA.begin(), inA.end()), setB(inB.begin(), inB.end());
    std::vector<std::string> out;
    for (const std::string& f : inA)
        if (!setB.count(f) && other->find(f) >= 0) out.push_back(f);
    for (const std::string& f : inB)
        if (!setA.count(f) && model.find(f) >= 0) out.push_back(f);
    return out;
}

void ConfusionView::showCell(const Cell& cell)
{
    const RunPredictions::Model* m = data_ ? data_->find(cell.model) : nullptr;
    const int classes = m && m->ok() ? int(m->predictions->classNames.size()) : 0;
    if (cell.truth < 0 || cell.truth >= classes || cell.predicted < 0 || cell.predicted >= classes) {
        clips_->setRows({});
        clipsLabel_->setText(tr("Nothing to list: %1 has no readable predictions, or the cell is not in its matrix.").arg(cell.model));
        return;
    }
    const sb::ModelPredictions& p = *m->predictions;
    const RunPredictions::Model* ensemble = data_->find(QStringLiteral("ensemble"));
    const RunPredictions::Model* student = data_->find(QStringLiteral("student"));
    std::vector<ClipListModel::Row> rows;
    for (const std::string& f : cellClips(cell, *m)) {
        const sb::ClipPrediction& c = p.clips[size_t(m->find(f))];
        ClipListModel::Row row;
        row.filename = QString::fromStdString(f);
        row.scene = QString::fromStdString(p.classNames.at(size_t(c.trueClass)));
        row.device = QString::fromStdString(c.device);
        row.misclassified = c.trueClass != c.predictedClass;
        row.ensemble = topOf(ensemble, f);
        row.student = topOf(student, f);
        rows.push_back(std::move(row));
    }
    const int count = int(rows.size());
    clips_->setRows(std::move(rows));
    const QString where = cell.device.isEmpty() ? tr("all devices") : deviceTitle(cell.device);
    const QString truth = QString::fromStdString(p.classNames.at(size_t(cell.truth)));
    const QString predicted = QString::fromStdString(p.classNames.at(size_t(cell.predicted)));
    clipsLabel_->setText(cell.difference ? tr("%1 − %2 · %3 · true %4, predicted %5: %6 left or entered this cell")
                                               .arg(compareModel(), cell.model, where, truth, predicted, clipCount(count))
                                         : tr("%1 · %2 · true %3, predicted %4: %5")
                                               .arg(cell.model, where, truth, predicted, clipCount(count)));
}

void ConfusionView::selectClip(const QString& filename)
{
    const int row = clips_->find(filename);
    if (row < 0) return;
    const QModelIndex index = clips_->index(row, 0);
    table_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(index);
}

void ConfusionView::stepMisclassified(int direction)
{
    const Cell base = cell_.model.isEmpty() ? Cell{model(), {}, -1, -1, false} : cell_;
    const RunPredictions::Model* m = data_ ? data_->find(base.model) : nullptr;
    if (!m || !m->ok()) return;
    const sb::ModelPredictions& p = *m->predictions;
    const std::vector<size_t> wrong = p.misclassified(base.device.toStdString());
    if (wrong.empty()) {
        context()->showMessage(tr("%1 misclassifies no clip here.").arg(base.model));
        return;
    }
    // From the current clip to the next (previous) misclassified one in file order, wrapping.
    const long here = m->find(context()->clip().filename.toStdString());
    size_t next = direction > 0 ? wrong.front() : wrong.back();
    if (here >= 0 && direction > 0) {
        const auto it = std::upper_bound(wrong.begin(), wrong.end(), size_t(here));
        if (it != wrong.end()) next = *it;
    } else if (here >= 0) {
        const auto it = std::lower_bound(wrong.begin(), wrong.end(), size_t(here));
        if (it != wrong.begin()) next = *(it - 1);
    }
    const sb::ClipPrediction& clip = p.clips[next];
    cell_ = Cell{base.model, base.device, clip.trueClass, clip.predictedClass, false};
    showCell(cell_);
    selectClip(QString::fromStdString(clip.filename));
}

void ConfusionView::togglePlayback()
{
    const QModelIndex index = table_->selectionModel()->currentIndex();
    const ClipRef clip = index.isValid() ? context()->clipFromRun(clips_->row(index.row()).filename) : context()->clip();
    if (!clip.isValid()) {
        context()->showMessage(tr("Select a clip to play: click a cell, then a row."));
        return;
    }
    // A missing or unplayable file comes back as the player's failed() message.
    context()->player()->toggle(clip.audioPath);
}

void ConfusionView::clipChanged(const ClipRef& clip)
{
    const int row = clips_->find(clip.filename);
    if (row >= 0 && table_->selectionModel()->currentIndex().row() != row) selectClip(clip.filename);
}

// --- state, export ---------------------------------------------------------------------

QString ConfusionView::model() const { return data_ || !hasPending_ ? model_->currentData().toString() : pendingModel_; }

QString ConfusionView::compareModel() const
{
    return data_ || !hasPending_ ? compare_->currentData().toString() : pendingCompare_;
}

bool ConfusionView::normalised() const { return normalised_->isChecked(); }

void ConfusionView::setModel(const QString& model)
{
    const int i = model_->findData(model);
    if (i >= 0) model_->setCurrentIndex(i);
}

void ConfusionView::setCompareModel(const QString& model) { compare_->setCurrentIndex(qMax(0, compare_->findData(model))); }

void ConfusionView::setNormalised(bool normalised) { normalised_->setChecked(normalised); }

QString ConfusionView::statusText() const { return status_->text(); }

QString ConfusionView::agreementText() const { return comparePanel_->agreementText(); }

const sb::ModelComparison* ConfusionView::comparison() const { return comparePanel_->comparison(); }

MatrixPlot* ConfusionView::differencePlot() const { return comparePanel_->plot(ComparePanel::PlotDifference); }

MatrixPlot* ConfusionView::matrixPlot(const QString& device) const { return matrices_->plot(device); }

QJsonObject ConfusionView::state() const
{
    QJsonObject state{{QStringLiteral("model"), model()}, {QStringLiteral("compare"), compareModel()},
                      {QStringLiteral("normalised"), normalised()}};
    // The cell whose clips are listed, so a saved project opens on the same list.
    if (cell_.truth >= 0 && !cell_.difference && cell_.model == model())
        state.insert(QStringLiteral("cell"), QJsonObject{{QStringLiteral("device"), cell_.device},
                                                         {QStringLiteral("truth"), cell_.truth},
                                                         {QStringLiteral("predicted"), cell_.predicted}});
    return state;
}

void ConfusionView::showPendingCell()
{
    const QJsonObject cell = pendingCell_;
    pendingCell_ = {};
    const int classes = int(classNames().size());
    const int truth = cell.value(QStringLiteral("truth")).toInt(-1);
    const int predicted = cell.value(QStringLiteral("predicted")).toInt(-1);
    if (truth < 0 || predicted < 0 || truth >= classes || predicted >= classes) return;  // none, or not this run's
    clickCell(cell.value(QStringLiteral("device")).toString(), truth, predicted);
}

void ConfusionView::applyState(const QJsonObject& state)
{
    QString wanted = state.value(QStringLiteral("model")).toString();
    if (wanted.isEmpty()) wanted = QStringLiteral("student");  // {}: a new project's default
    const QString other = state.value(QStringLiteral("compare")).toString();
    const QSignalBlocker blockNormalised(normalised_), blockModel(model_), blockCompare(compare_);
    normalised_->setChecked(state.value(QStringLiteral("normalised")).toBool(false));
    pendingCell_ = state.value(QStringLiteral("cell")).toObject();
    if (!data_) {
        hasPending_ = true;  // applied when the predictions arrive
        pendingModel_ = wanted;
        pendingCompare_ = other;
        return;
    }
    if (model_->findData(wanted) >= 0) model_->setCurrentIndex(model_->findData(wanted));
    compare_->setCurrentIndex(qMax(0, compare_->findData(other)));
    cell_ = {};
    clips_->setRows({});
    showModel();
    showPendingCell();
}

void ConfusionView::exportData(const QString& directory, QStringList* written, QStringList* errors) const
{
    const RunPredictions::Model* m = current();
    // A run without predictions (yet) has no numbers: nothing to write, and nothing wrong.
    if (!m || !m->ok()) return;
    const QStringList classes = classNames();
    const sb::EvaluationResult& e = m->evaluation;
    const auto write = [&](const QString& name, const QString& text) {
        csv::write(QDir(directory).filePath(name), text, written, errors);
    };
    write(QStringLiteral("confusion-%1-all.csv").arg(m->name), csv::matrix(e.confusion.counts, classes));
    for (const auto& [device, matrix] : e.confusionPerDevice)
        write(QStringLiteral("confusion-%1-%2.csv").arg(m->name, QString::fromStdString(device)), csv::matrix(matrix.counts, classes));
    write(QStringLiteral("confusion-accuracy-%1.csv").arg(m->name), confusion::accuracyCsv(e, classes));
    if (const sb::ModelComparison* c = comparison())
        write(QStringLiteral("confusion-difference-%1-%2.csv").arg(m->name, compareModel()), csv::matrix(c->difference, classes));
    write(QStringLiteral("confusion-clips.csv"), clips_->toCsv());
}

}  // namespace sb::ui
