#include "ui/map/MapPanel.h"

#include "ui/workbench/ErrorText.h"

#include "core/common/Error.h"
#include "core/embed/EmbeddingMap.h"
#include "ui/map/ScatterMap.h"
#include "ui/map/SnapshotBuffer.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <chrono>
#include <thread>

namespace sb::ui {

struct MapPanel::Loaded {
    MapClips clips;
    std::vector<float> positions;
    std::optional<sb::MapInfo> info;
    QString error;    // the clip list is unreadable: nothing to show
    QString problem;  // the saved map is unusable: it is computed again
};

struct MapPanel::Computed {
    std::vector<float> positions;
    sb::MapInfo info;
    QString error;
};

namespace {

QString modelFolder(const QString& run, const QString& model)
{
    return QDir(run).filePath(QStringLiteral("models/") + model);
}

// Reads the clip list and, if there is one as new as the embeddings, the saved map.
MapPanel::Loaded loadSaved(const QString& run, const QString& model, const QString& method);

// Holds the job back to msPerSnapshot per snapshot, in short sleeps so Cancel stays quick.
void pace(int msPerSnapshot, const sb::CancellationToken& token, std::chrono::steady_clock::time_point& last)
{
    if (msPerSnapshot <= 0) return;
    const auto until = last + std::chrono::milliseconds(msPerSnapshot);
    while (std::chrono::steady_clock::now() < until && !token.isCancelled())
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    last = std::chrono::steady_clock::now();
}

}  // namespace

MapPanel::MapPanel(const QString& title, JobBridge* jobs, Theme* theme, QWidget* parent)
    : QWidget(parent), map_(new ScatterMap(title, theme, this)), status_(new QLabel(this)), theme_(theme),
      slot_(jobs, this)
{
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(map_, 1);
    layout->addWidget(status_);
    map_->setPointText([this](int i) { return pointText(i); });
    connect(map_, &ScatterMap::pointClicked, this, [this](int i) {
        if (i < clips_.size()) emit clipClicked(clips_.at(i).filename);
    });
    connect(map_, &ScatterMap::lassoFinished, this, [this](const QVector<int>& indices, bool extend) {
        QStringList names;
        for (int i : indices)
            if (i < clips_.size()) names << clips_.at(i).filename;
        emit lassoSelected(names, extend);
    });
    if (jobs)
        connect(jobs, &JobBridge::jobFinished, this,
                [this](quint64 id, JobBridge::Outcome outcome, const QString& message) {
                    onJobFinished(id, int(outcome), message);
                });
    redrawTimer_.setInterval(kRedrawMs);
    connect(&redrawTimer_, &QTimer::timeout, this, &MapPanel::drawNewestSnapshot);
    clear(tr("Open a run to see the embedding map of one of its models."));
}

void MapPanel::showMap(const QString& runDirectory, const QString& model, const QString& method)
{
    slot_.cancel();
    redrawTimer_.stop();
    buffer_.reset();
    run_ = runDirectory;
    model_ = model;
    method_ = method;
    info_.reset();
    problem_.clear();
    setState(State::Loading);
    slot_.run(tr("Loading the %1 map of %2").arg(methodLabel(), model),
              [run = run_, model, method](sb::JobObserver&, sb::CancellationToken&) { return loadSaved(run, model, method); },
              [this](const Loaded& loaded) { onLoaded(loaded); });
}

namespace {

MapPanel::Loaded loadSaved(const QString& run, const QString& model, const QString& method)
{
    MapPanel::Loaded r;
    const QString folder = modelFolder(run, model);
    try {
        r.clips = MapClips::read(QDir(folder).filePath(QStringLiteral("embeddings.csv")));
    } catch (const sb::Error& e) {
        r.error = errorText(e);
        return r;
    }
    const QFileInfo json(QDir(folder).filePath(QStringLiteral("map_%1.json").arg(method)));
    if (!json.exists()) return r;
    const QFileInfo embeddings(QDir(folder).filePath(QStringLiteral("embeddings.npy")));
    if (embeddings.lastModified() > json.lastModified()) {
        r.problem = MapPanel::tr("the saved map is older than the embeddings");
        return r;
    }
    try {
        auto [layout, info] = sb::MapFiles::load(folder.toStdString(), method.toStdString());
        if (int(layout.rows) != r.clips.size()) {
            r.problem = MapPanel::tr("the saved map has %1 points for %2 clips").arg(layout.rows).arg(r.clips.size());
            return r;
        }
        r.positions = std::move(layout.values);
        r.info = info;
    } catch (const sb::Error& e) {
        r.problem = MapPanel::tr("the saved map is unreadable: %1").arg(errorText(e));
    }
    return r;
}

}  // namespace

void MapPanel::onLoaded(const Loaded& loaded)
{
    if (!loaded.error.isEmpty()) {
        clear(tr("No embedding map for %1: %2").arg(model_, loaded.error));
        setState(State::Failed);
        emit message(tr("Embedding map: %1").arg(loaded.error), true);
        return;
    }
    clips_ = loaded.clips;
    positions_.clear();
    map_->setPositions(positions_);  // never the last model's points in this model's colours
    categories_ = MapColouring::categories(by_, {&clips_});
    applyColouring();
    emit clipsLoaded();  // the view may replace the categories with ones shared by both maps
    problem_ = loaded.problem;
    if (!loaded.info) {
        startCompute();
        return;
    }
    positions_ = loaded.positions;
    info_ = loaded.info;
    loadedFromFile_ = true;
    showPositions(true);
    setState(State::Ready);
}

void MapPanel::recompute()
{
    if (model_.isEmpty() || clips_.isEmpty()) return;
    slot_.cancel();
    problem_.clear();
    startCompute();
}

void MapPanel::startCompute()
{
    redrawTimer_.stop();
    auto buffer = std::make_shared<SnapshotBuffer>();
    buffer_ = buffer;
    snapshotsDrawn_ = iteration_ = totalIterations_ = 0;
    loadedFromFile_ = false;
    info_.reset();
    sb::MapParams params;
    params.method = method_.toStdString();
    const std::string run = run_.toStdString(), model = model_.toStdString();
    buffer->setPace(pace_);
    if (positions_.empty()) map_->setPlaceholder(tr("Computing the %1 map of %2…").arg(methodLabel(), model_));
    setState(State::Computing);
    slot_.run(
        tr("%1 map of %2").arg(methodLabel(), model_),
        [buffer, params, run, model](sb::JobObserver& observer, sb::CancellationToken& token) {
            buffer->attach(&token);
            struct Detach {
                SnapshotBuffer* buffer;
                ~Detach() { buffer->detach(); }
            } detach{buffer.get()};
            auto last = std::chrono::steady_clock::now();
            auto onSnapshot = [&](const sb::TsneSnapshot& s) {
                buffer->post(s);
                pace(buffer->pace(), token, last);
            };
            Computed r;
            try {
                sb::EmbeddingMap map = sb::mapModelEmbeddings(run, model, params, token, &observer, onSnapshot);
                r.positions = std::move(map.layout.values);
                r.info = map.info;
            } catch (const sb::Cancelled&) {
                throw;
            } catch (const sb::Error& e) {
                r.error = errorText(e);
            } catch (const std::exception& e) {
                r.error = QString::fromLocal8Bit(e.what());
            }
            return r;
        },
        [this](const Computed& computed) { onComputed(computed); });
    redrawTimer_.start();
}

void MapPanel::onComputed(const Computed& computed)
{
    redrawTimer_.stop();
    buffer_.reset();
    if (!computed.error.isEmpty() || computed.positions.size() != size_t(2 * clips_.size())) {
        const QString why = computed.error.isEmpty() ? tr("the map does not match the clip list") : computed.error;
        problem_ = why;
        if (positions_.empty()) map_->setPlaceholder(tr("Could not compute the map: %1").arg(why));
        setState(State::Failed);
        emit message(tr("Embedding map of %1: %2").arg(model_, why), true);
        return;
    }
    positions_ = computed.positions;
    info_ = computed.info;
    showPositions(snapshotsDrawn_ == 0);
    setState(State::Ready);
}

void MapPanel::drawNewestSnapshot()
{
    sb::TsneSnapshot s;
    if (!buffer_ || !buffer_->takeNewest(&s) || s.layout.size() != size_t(2 * clips_.size())) return;
    positions_ = std::move(s.layout);
    iteration_ = s.iteration;
    totalIterations_ = s.totalIterations;
    kl_ = s.kl;
    exaggerated_ = s.exaggerated;
    showPositions(false);
    ++snapshotsDrawn_;
    updateStatus();
}

void MapPanel::setPaused(bool paused)
{
    if (!buffer_ || (state_ != State::Computing && state_ != State::Paused)) return;
    buffer_->setPaused(paused);
    setState(paused ? State::Paused : State::Computing);
}

void MapPanel::setAnimationPace(int msPerSnapshot)
{
    pace_ = msPerSnapshot;
    if (buffer_) buffer_->setPace(msPerSnapshot);  // reaches a running job too
}

void MapPanel::cancel()
{
    if (!isBusy()) return;
    slot_.cancel();
    stopCancelled();
}

void MapPanel::onJobFinished(quint64 id, int outcome, const QString& message)
{
    // Only a job stopped from outside (the jobs panel, Esc) ends without a delivery.
    if (id != slot_.jobId() || !isBusy()) return;
    if (outcome == int(JobBridge::Outcome::Cancelled)) {
        stopCancelled();
    } else if (outcome == int(JobBridge::Outcome::Failed)) {
        redrawTimer_.stop();
        buffer_.reset();
        problem_ = message;
        if (positions_.empty()) map_->setPlaceholder(tr("Could not make the map: %1").arg(message));
        setState(State::Failed);
    }
}

void MapPanel::stopCancelled()
{
    drawNewestSnapshot();  // the last snapshot that arrived: the unfinished map stays usable
    redrawTimer_.stop();
    buffer_.reset();
    if (positions_.empty()) map_->setPlaceholder(tr("Cancelled. Press Recompute to make the map."));
    setState(State::Cancelled);
}

void MapPanel::clear(const QString& message)
{
    slot_.cancel();
    redrawTimer_.stop();
    buffer_.reset();
    clips_ = MapClips();
    positions_.clear();
    info_.reset();
    map_->clearPoints();
    map_->setPlaceholder(message);
    setState(State::Empty);
}

void MapPanel::setColouring(MapColouring::By by, const QStringList& categories)
{
    by_ = by;
    categories_ = categories;
    applyColouring();
    map_->refresh();
}

void MapPanel::applyColouring()
{
    QVector<ScatterMap::Category> styles;
    for (int i = 0; i < categories_.size(); ++i)
        styles.append({categories_[i], MapColouring::style(i, by_, theme_)});
    map_->setCategories(styles, MapColouring::categoryOf(clips_, by_, categories_));
}

void MapPanel::setHighlight(const QString& currentFilename, const QSet<QString>& selected)
{
    QVector<int> indices;
    indices.reserve(selected.size());
    for (const QString& name : selected) {
        const int i = clips_.indexOf(name);
        if (i >= 0) indices.append(i);
    }
    std::sort(indices.begin(), indices.end());
    map_->setHighlight(clips_.indexOf(currentFilename), indices);
}

void MapPanel::showPositions(bool fit)
{
    const bool tsne = method_ == QLatin1String("tsne");
    map_->plot()->xAxis->setLabel(tsne ? tr("t-SNE 1") : tr("PC 1"));
    map_->plot()->yAxis->setLabel(tsne ? tr("t-SNE 2") : tr("PC 2"));
    if (auto* title = qobject_cast<QCPTextElement*>(map_->plot()->plotLayout()->element(0, 0)))
        title->setText(tr("%1 · %2").arg(model_, methodLabel()));
    map_->setPlaceholder(QString());
    map_->setPositions(positions_);
    if (fit) map_->resetZoom();
    else map_->refresh();
}

void MapPanel::setState(State state)
{
    state_ = state;
    updateStatus();
    emit stateChanged();
}

QString MapPanel::methodLabel() const { return method_ == QLatin1String("pca") ? tr("PCA") : tr("t-SNE"); }

QString MapPanel::statusText() const { return status_->text(); }

void MapPanel::updateStatus()
{
    switch (state_) {
    case State::Empty: status_->clear(); break;
    case State::Loading: status_->setText(tr("Loading the map of %1…").arg(model_)); break;
    case State::Computing:
    case State::Paused: status_->setText(progressText()); break;
    case State::Ready: status_->setText(finishedText()); break;
    case State::Cancelled:
        status_->setText(iteration_ > 0 ? tr("Cancelled at iteration %1 of %2: this unfinished map was not saved. "
                                             "Recompute to run it again.")
                                              .arg(iteration_)
                                              .arg(totalIterations_)
                                        : tr("Cancelled: no map was saved. Recompute to run it again."));
        break;
    case State::Failed: status_->setText(tr("Could not make the map of %1: %2").arg(model_, problem_)); break;
    }
}

QString MapPanel::progressText() const
{
    QString text = problem_.isEmpty() ? QString() : tr("Computing again (%1). ").arg(problem_);
    if (method_ == QLatin1String("pca") || iteration_ == 0)
        return text + tr("%1 of %2: computing…").arg(methodLabel(), model_);
    text += tr("t-SNE of %1: iteration %2 / %3 · KL %4").arg(model_).arg(iteration_).arg(totalIterations_).arg(kl_, 0, 'f', 3);
    if (exaggerated_) text += tr(" (early exaggeration)");
    if (state_ == State::Paused) text += tr(" · paused");
    return text;
}

QString MapPanel::finishedText() const
{
    if (!info_) return {};
    const sb::MapInfo& info = *info_;
    QStringList parts{tr("%1 of %2 · %3 clips").arg(methodLabel(), model_).arg(info.points)};
    const int k = int(sb::MapParams{}.metricNeighbors);
    if (info.trustworthiness) parts << tr("trustworthiness %1").arg(*info.trustworthiness, 0, 'f', 3);
    if (info.knnAccuracy) parts << tr("%1-NN accuracy %2").arg(k).arg(*info.knnAccuracy, 0, 'f', 3);
    if (!info.trustworthiness && !info.knnAccuracy) parts << tr("too few clips for quality numbers");
    if (info.kl) parts << tr("KL %1").arg(*info.kl, 0, 'f', 3);
    if (info.explainedVarianceRatio.size() == 2)
        parts << tr("variance explained %1 % + %2 %")
                     .arg(100 * info.explainedVarianceRatio[0], 0, 'f', 1)
                     .arg(100 * info.explainedVarianceRatio[1], 0, 'f', 1);
    parts << (loadedFromFile_ ? tr("saved map") : tr("computed in %1 s and saved").arg(info.seconds, 0, 'f', 1));
    return parts.join(QStringLiteral(" · "));
}

QString MapPanel::pointText(int i) const
{
    if (i < 0 || i >= clips_.size()) return {};
    const MapClip& c = clips_.at(i);
    return tr("%1 — scene %2, device %3, city %4 · %5 predicted %6 (%7)")
        .arg(c.filename, c.scene, c.device, c.city, model_, c.predicted,
             c.correct() ? tr("right") : tr("wrong"));
}

QString MapPanel::toCsv() const
{
    if (positions_.empty() || positions_.size() != size_t(2 * clips_.size())) return {};
    return clips_.toCsv(positions_);
}

}  // namespace sb::ui
