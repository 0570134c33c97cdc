#include "ui/map/EmbeddingMapView.h"

#include "ui/plots/CsvFile.h"

#include "core/embed/ModelEmbeddings.h"
#include "ui/audio/ClipPlayer.h"
#include "ui/map/MapPanel.h"
#include "ui/map/ScatterMap.h"
#include "ui/map/SelectionModel.h"
#include "ui/workbench/WorkbenchContext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace sb::ui {

namespace {

const QString kStudent = QStringLiteral("student");
const QString kStudentNoKd = QStringLiteral("student-nokd");
constexpr int kSlowMotionMs = 40;  // per snapshot: 1000 iterations take about 4 s to watch

}  // namespace

EmbeddingMapView::EmbeddingMapView(WorkbenchContext* context, QWidget* parent)
    : WorkbenchView(context, parent),
      left_(new MapPanel(tr("Embedding map (left)"), context->jobs(), context->theme(), this)),
      right_(new MapPanel(tr("Embedding map (right)"), context->jobs(), context->theme(), this)),
      selection_(new SelectionModel(this))
{
    setObjectName(key());
    auto* maps = new QWidget(this);
    auto* mapsLayout = new QHBoxLayout(maps);
    mapsLayout->setContentsMargins(0, 0, 0, 0);
    mapsLayout->addWidget(left_, 1);
    mapsLayout->addWidget(right_, 1);
    right_->hide();
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(maps);
    splitter->addWidget(buildSelectionPane());
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(splitter, 1);

    for (MapPanel* panel : {left_, right_}) {
        connect(panel, &MapPanel::clipsLoaded, this, [this] {
            updateColouring();
            refreshSelection();
        });
        connect(panel, &MapPanel::clipClicked, this, &EmbeddingMapView::playClip);
        connect(panel, &MapPanel::lassoSelected, this, &EmbeddingMapView::onLasso);
        connect(panel, &MapPanel::stateChanged, this, &EmbeddingMapView::updateButtons);
        connect(panel, &MapPanel::message, context, &WorkbenchContext::showMessage);
    }
    updateButtons();
}

QWidget* EmbeddingMapView::buildControls()
{
    // Two rows (what is shown; what to do with it): one would set the dock's minimum
    // width past a 1400-px window beside the side column, and far past it in Teaching.
    auto* bar = new QWidget(this);
    auto* rows = new QVBoxLayout(bar);
    rows->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    auto* actions = new QHBoxLayout;
    rows->addLayout(row);
    rows->addLayout(actions);
    leftCombo_ = new QComboBox(bar);
    rightCombo_ = new QComboBox(bar);
    methodCombo_ = new QComboBox(bar);
    methodCombo_->addItem(tr("t-SNE"), QStringLiteral("tsne"));
    methodCombo_->addItem(tr("PCA"), QStringLiteral("pca"));
    colourCombo_ = new QComboBox(bar);
    for (MapColouring::By by : MapColouring::all()) colourCombo_->addItem(MapColouring::label(by), MapColouring::name(by));
    kdButton_ = new QPushButton(tr("KD vs no-KD"), bar);
    kdButton_->setToolTip(tr("The student trained with knowledge distillation beside the one trained without (t-SNE)."));
    recomputeButton_ = new QPushButton(tr("Recompute"), bar);
    pauseButton_ = new QPushButton(tr("Pause"), bar);
    pauseButton_->setCheckable(true);
    cancelButton_ = new QPushButton(tr("Cancel"), bar);
    lassoButton_ = new QPushButton(tr("Lasso"), bar);
    lassoButton_->setCheckable(true);
    lassoButton_->setToolTip(tr("Drag to select clips (or Shift+drag at any time; Ctrl adds to the selection)."));
    slowMotion_ = new QCheckBox(tr("Slow motion"), bar);
    for (auto [w, name] : {std::pair<QWidget*, const char*>{leftCombo_, "leftModel"}, {rightCombo_, "rightModel"},
                           {methodCombo_, "method"}, {colourCombo_, "colour"}, {kdButton_, "kdVsNoKd"},
                           {recomputeButton_, "recompute"}, {pauseButton_, "pause"}, {cancelButton_, "cancel"},
                           {lassoButton_, "lasso"}, {slowMotion_, "slowMotion"}})
        w->setObjectName(QLatin1String(name));
    slowMotion_->setToolTip(tr("Let t-SNE form slowly enough to watch (for demonstrations)."));

    row->addWidget(new QLabel(tr("Model"), bar));
    row->addWidget(leftCombo_);
    row->addWidget(new QLabel(tr("beside"), bar));
    row->addWidget(rightCombo_);
    row->addWidget(methodCombo_);
    row->addWidget(new QLabel(tr("Colour by"), bar));
    row->addWidget(colourCombo_);
    row->addStretch(1);
    for (QWidget* w : {static_cast<QWidget*>(kdButton_), static_cast<QWidget*>(lassoButton_),
                       static_cast<QWidget*>(recomputeButton_), static_cast<QWidget*>(pauseButton_),
                       static_cast<QWidget*>(cancelButton_), static_cast<QWidget*>(slowMotion_)})
        actions->addWidget(w);
    actions->addStretch(1);

    auto edited = [this] {
        showModels(leftCombo_->currentData().toString(), rightCombo_->currentData().toString(),
                   methodCombo_->currentData().toString());
        emit stateEdited();
    };
    connect(leftCombo_, &QComboBox::activated, this, edited);
    connect(rightCombo_, &QComboBox::activated, this, edited);
    connect(methodCombo_, &QComboBox::activated, this, edited);
    connect(colourCombo_, &QComboBox::activated, this, [this] {
        setColouring(MapColouring::fromName(colourCombo_->currentData().toString()));
        emit stateEdited();
    });
    connect(kdButton_, &QPushButton::clicked, this, [this] {
        showKdComparison();
        emit stateEdited();
    });
    connect(recomputeButton_, &QPushButton::clicked, this, &EmbeddingMapView::recompute);
    connect(pauseButton_, &QPushButton::toggled, this, &EmbeddingMapView::setPaused);
    connect(cancelButton_, &QPushButton::clicked, this, &EmbeddingMapView::cancel);
    connect(lassoButton_, &QPushButton::toggled, this, [this](bool on) {
        left_->map()->setLassoMode(on);
        right_->map()->setLassoMode(on);
    });
    connect(slowMotion_, &QCheckBox::toggled, this, [this](bool on) { setAnimationPace(on ? kSlowMotionMs : 0); });
    return bar;
}

QWidget* EmbeddingMapView::buildSelectionPane()
{
    auto* pane = new QWidget(this);
    auto* column = new QVBoxLayout(pane);
    column->setContentsMargins(0, 0, 0, 0);
    selectionLabel_ = new QLabel(tr("Shift+drag on a map to select clips."), pane);
    selectionLabel_->setWordWrap(true);
    table_ = new QTableView(pane);
    table_->setModel(selection_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setToolTip(tr("Select a clip to make it the current clip; double-click or Enter plays it."));
    auto* clearButton = new QPushButton(tr("Clear selection"), pane);
    column->addWidget(selectionLabel_);
    column->addWidget(table_, 1);
    column->addWidget(clearButton);
    connect(clearButton, &QPushButton::clicked, this, [this] { onLasso({}, false); });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EmbeddingMapView::selectFromList);
    connect(table_, &QTableView::activated, this, [this](const QModelIndex& index) {
        playClip(selection_->filenameAt(index.row()));
    });
    return pane;
}

QJsonObject EmbeddingMapView::state() const
{
    return {{QStringLiteral("left"), leftModel_},
            {QStringLiteral("right"), rightModel_},
            {QStringLiteral("method"), method_},
            {QStringLiteral("colour"), MapColouring::name(by_)}};
}

void EmbeddingMapView::applyState(const QJsonObject& state)
{
    by_ = MapColouring::fromName(state.value(QStringLiteral("colour")).toString());
    const QString method = state.value(QStringLiteral("method")).toString();
    showModels(state.value(QStringLiteral("left")).toString(), state.value(QStringLiteral("right")).toString(),
               method == QLatin1String("pca") ? method : QStringLiteral("tsne"));
}

void EmbeddingMapView::showModels(const QString& left, const QString& right, const QString& method)
{
    leftModel_ = left;
    rightModel_ = right == left ? QString() : right;
    method_ = method == QLatin1String("pca") ? method : QStringLiteral("tsne");
    reloadModels();
}

void EmbeddingMapView::showKdComparison() { showModels(kStudent, kStudentNoKd, QStringLiteral("tsne")); }

void EmbeddingMapView::runChanged(const QString& directory)
{
    Q_UNUSED(directory)
    onLasso({}, false);  // another run, other clips
    // Another run starts from its student (what the paper maps); a pair stays a pair.
    if (rightModel_.isEmpty() || rightModel_ != kStudentNoKd) leftModel_ = kStudent;
    reloadModels();
}

void EmbeddingMapView::reloadModels()
{
    const QString run = context()->runDirectory();
    models_.clear();
    if (!run.isEmpty())
        for (const std::string& m : sb::ModelEmbeddings::modelsWithEmbeddings(run.toStdString()))
            models_ << QString::fromStdString(m);
    // Keep the requested models when the run has them; else the student, else the first.
    if (!models_.contains(leftModel_) && !models_.isEmpty())
        leftModel_ = models_.contains(kStudent) ? kStudent : models_.first();
    if ((!models_.contains(rightModel_) && !models_.isEmpty()) || rightModel_ == leftModel_) rightModel_.clear();
    syncControls();
    showPanels();
}

void EmbeddingMapView::syncControls()
{
    const QSignalBlocker b1(leftCombo_), b2(rightCombo_), b3(methodCombo_), b4(colourCombo_);
    leftCombo_->clear();
    rightCombo_->clear();
    rightCombo_->addItem(tr("(nothing)"), QString());
    for (const QString& m : std::as_const(models_)) {
        leftCombo_->addItem(m, m);
        rightCombo_->addItem(m, m);
    }
    leftCombo_->setCurrentIndex(leftCombo_->findData(leftModel_));
    rightCombo_->setCurrentIndex(std::max(0, rightCombo_->findData(rightModel_)));
    methodCombo_->setCurrentIndex(methodCombo_->findData(method_));
    colourCombo_->setCurrentIndex(colourCombo_->findData(MapColouring::name(by_)));
}

void EmbeddingMapView::showPanels()
{
    // The selection is kept by file name: it survives a change of model or method.
    selection_->setModels(leftModel_, rightModel_);
    const QString run = context()->runDirectory();
    if (run.isEmpty()) {
        left_->clear(tr("Open a run to see the embedding map of one of its models."));
    } else if (models_.isEmpty()) {
        left_->clear(tr("This run has no embeddings (models/<model>/embeddings.npy): a run writes them when it "
                        "evaluates its models."));
        context()->showMessage(tr("Embedding map: the run has no embeddings."), true);
    } else {
        left_->showMap(run, leftModel_, method_);
    }
    right_->setVisible(rightShown() && !models_.isEmpty());
    if (right_->isVisibleTo(this)) right_->showMap(run, rightModel_, method_);
    else right_->clear(QString());
    updateButtons();
}

void EmbeddingMapView::setColouring(MapColouring::By by)
{
    by_ = by;
    {
        const QSignalBlocker block(colourCombo_);
        colourCombo_->setCurrentIndex(colourCombo_->findData(MapColouring::name(by_)));
    }
    updateColouring();
}

void EmbeddingMapView::updateColouring()
{
    // Categories over both maps: the same value has the same colour on both sides.
    QList<const MapClips*> maps{&left_->clips()};
    if (rightShown()) maps << &right_->clips();
    const QStringList categories = MapColouring::categories(by_, maps);
    left_->setColouring(by_, categories);
    right_->setColouring(by_, categories);
    updateHighlights();
}

void EmbeddingMapView::recompute()
{
    left_->recompute();
    if (rightShown()) right_->recompute();
}

void EmbeddingMapView::setPaused(bool paused)
{
    left_->setPaused(paused);
    right_->setPaused(paused);
    const QSignalBlocker block(pauseButton_);
    pauseButton_->setChecked(paused);
    pauseButton_->setText(paused ? tr("Resume") : tr("Pause"));
}

void EmbeddingMapView::cancel()
{
    left_->cancel();
    right_->cancel();
}

void EmbeddingMapView::setAnimationPace(int msPerSnapshot)
{
    left_->setAnimationPace(msPerSnapshot);
    right_->setAnimationPace(msPerSnapshot);
}

void EmbeddingMapView::updateButtons()
{
    auto computing = [](const MapPanel* p) {
        return p->state() == MapPanel::State::Computing || p->state() == MapPanel::State::Paused;
    };
    const bool running = computing(left_) || computing(right_);
    pauseButton_->setEnabled(running && method_ == QLatin1String("tsne"));
    if (!running && pauseButton_->isChecked()) setPaused(false);
    cancelButton_->setEnabled(left_->isBusy() || right_->isBusy());
    recomputeButton_->setEnabled(!left_->clips().isEmpty());
    kdButton_->setEnabled(models_.contains(kStudent) && models_.contains(kStudentNoKd));
}

void EmbeddingMapView::onLasso(const QStringList& filenames, bool extend)
{
    QStringList names = filenames;
    if (extend) names += selection_->filenames();
    selection_->setSelection(names, left_->clips(), rightShown() ? &right_->clips() : nullptr);
    const int n = selection_->rowCount();
    selectionLabel_->setText(n == 0 ? tr("Shift+drag on a map to select clips.")
                                    : tr("%n clip(s) selected (on both maps when two are shown).", nullptr, n));
    updateHighlights();
}

void EmbeddingMapView::refreshSelection()
{
    // Rows carry the shown models' predictions: rebuild them once the left map's clips are in.
    if (left_->clips().isEmpty() || selection_->rowCount() == 0) return;
    onLasso(selection_->filenames(), false);
}

void EmbeddingMapView::updateHighlights()
{
    const QString current = context()->clip().filename;
    const QSet<QString> selected = selection_->filenameSet();
    left_->setHighlight(current, selected);
    right_->setHighlight(current, selected);
}

void EmbeddingMapView::clipChanged(const ClipRef& clip)
{
    Q_UNUSED(clip)
    updateHighlights();
}

void EmbeddingMapView::playClip(const QString& filename)
{
    if (filename.isEmpty()) return;
    const ClipRef clip = context()->clipFromRun(filename);
    context()->setClip(clip);
    context()->player()->play(clip.audioPath);  // a missing file or no audio device is a message
}

void EmbeddingMapView::selectFromList(const QModelIndex& index)
{
    const QString filename = selection_->filenameAt(index.row());
    if (!filename.isEmpty()) context()->setClip(context()->clipFromRun(filename));
}

void EmbeddingMapView::exportData(const QString& directory, QStringList* written, QStringList* errors) const
{
    bool any = false;
    for (const MapPanel* panel : {left_, right_}) {
        const QString text = panel->toCsv();
        if (text.isEmpty() || (panel == right_ && !rightShown())) continue;
        any = true;
        csv::write(QDir(directory).filePath(QStringLiteral("map-%1-%2.csv").arg(panel->model(), panel->method())), text,
                   written, errors);
    }
    if (any) csv::write(QDir(directory).filePath(QStringLiteral("map-selection.csv")), selectionCsv(), written, errors);
}

QList<PlotWidget*> EmbeddingMapView::plots() const
{
    QList<PlotWidget*> shown{left_->map()};
    if (rightShown()) shown << right_->map();
    return shown;
}

QString EmbeddingMapView::selectionCsv() const
{
    QString text = QStringLiteral("filename,scene,device,city,predicted");
    if (rightShown()) text += QStringLiteral(",predicted_") + rightModel_;
    text += QLatin1Char('\n');
    for (int row = 0; row < selection_->rowCount(); ++row) {
        const QModelIndex i = selection_->index(row, 0);
        QStringList fields;
        for (int role : {SelectionModel::FilenameRole, SelectionModel::SceneRole, SelectionModel::DeviceRole,
                         SelectionModel::CityRole, SelectionModel::PredictedRole})
            fields << csv::field(i.data(role).toString());
        if (rightShown()) fields << csv::field(i.data(SelectionModel::OtherPredictedRole).toString());
        text += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return text;
}

}  // namespace sb::ui
