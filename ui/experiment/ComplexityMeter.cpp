#include "ui/experiment/ComplexityMeter.h"

#include "core/common/Dcase.h"
#include "core/experiment/ExperimentConfig.h"
#include "core/features/CpMel.h"
#include "ui/experiment/ComplexityLayerModel.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <cstdlib>

namespace sb::ui {

namespace {
// Typing 64 in a spin box passes through 6: wait for a pause before measuring.
constexpr int kDebounceMs = 120;

QString kilobytes(int64_t bytes) { return QString::number(double(bytes) / 1024.0, 'f', 1) + QStringLiteral(" kB"); }

// A share of a limit: the bar full at the limit, the text the exact share.
void fillBar(QProgressBar* bar, double share, bool ok)
{
    bar->setValue(int(qMin(1.0, share) * 1000));
    bar->setFormat(QString::number(100 * share, 'f', 1) + QLatin1Char('%'));
    // Colour-blind-safe pair (Okabe-Ito bluish green / vermillion), plus the text says it.
    bar->setStyleSheet(QStringLiteral("QProgressBar::chunk { background: %1; }")
                           .arg(ok ? QStringLiteral("#009E73") : QStringLiteral("#D55E00")));
}
}  // namespace

ComplexityMeter::ComplexityMeter(JobBridge* bridge, QWidget* parent)
    : QWidget(parent), slot_(bridge, this), width_(new QSpinBox(this)), depth_(new QSpinBox(this)),
      mels_(new QSpinBox(this)), params_(new QLabel(this)), bytes_(new QLabel(this)), memoryBar_(new QProgressBar(this)),
      int8Model_(new QLabel(this)), int8ModelBar_(new QProgressBar(this)), macsBar_(new QProgressBar(this)),
      macs_(new QLabel(this)), verdict_(new QLabel(this)), table_(new QTableView(this)),
      layers_(new ComplexityLayerModel(this))
{
    setObjectName(QStringLiteral("complexity"));
    // Wide ranges: the experiment's rules (sb::validate) judge the values, with a message.
    width_->setRange(0, 100000);
    width_->setSingleStep(4);
    width_->setValue(64);
    width_->setToolTip(tr("Base channel width of TF-SepNet (a multiple of 4)"));
    depth_->setRange(0, 1000);
    depth_->setValue(17);
    depth_->setToolTip(tr("TF-SepNet depth: 16 or 17 (17 adds the extra stage of the paper)"));
    mels_->setRange(0, 100000);
    mels_->setSingleStep(32);
    mels_->setValue(512);
    mels_->setToolTip(tr("Mel bins of the CpMel front end (input height)"));
    for (QLabel* l : {params_, bytes_, int8Model_, macs_, verdict_})
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    int8Model_->setObjectName(QStringLiteral("int8ModelBytes"));
    int8ModelBar_->setObjectName(QStringLiteral("int8ModelBar"));
    const QString int8Tip = tr("What SceneBench's int8 student (scenebench-cli model quantize; each run's "
                               "student-int8) stores: one byte per weight with BatchNorm folded in, a float32 "
                               "scale and an int32 bias per output channel, a float32 scale and a uint8 zero "
                               "point per activation. The Task 1 rule above counts one byte per parameter.");
    for (QWidget* w : std::initializer_list<QWidget*>{int8Model_, int8ModelBar_}) w->setToolTip(int8Tip);
    verdict_->setWordWrap(true);
    QFont big = verdict_->font();
    big.setBold(true);
    verdict_->setFont(big);
    for (QProgressBar* bar : {memoryBar_, int8ModelBar_, macsBar_}) {
        bar->setRange(0, 1000);
        bar->setTextVisible(true);
    }

    auto* form = new QFormLayout;
    form->addRow(tr("Width"), width_);
    form->addRow(tr("Depth"), depth_);
    form->addRow(tr("Mel bins"), mels_);
    form->addRow(tr("Parameters"), params_);
    form->addRow(tr("Memory"), bytes_);
    form->addRow(tr("int8 vs 128 kB"), memoryBar_);
    form->addRow(tr("int8 student, stored"), int8Model_);
    form->addRow(tr("stored vs 128 kB"), int8ModelBar_);
    form->addRow(tr("MACs (1 s clip, %1 frames)").arg(framesPerSecond()), macs_);
    form->addRow(tr("MACs vs 30 M"), macsBar_);

    table_->setModel(layers_);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 4);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(verdict_);
    layout->addWidget(table_, 1);

    debounce_.setSingleShot(true);
    debounce_.setInterval(kDebounceMs);
    connect(&debounce_, &QTimer::timeout, this, &ComplexityMeter::measure);
    for (QSpinBox* box : {width_, depth_, mels_})
        connect(box, &QSpinBox::valueChanged, this, [this] {
            emit valuesEdited();
            measureSoon();
        });
    measure();
}

void ComplexityMeter::setValues(int width, int depth, int mels)
{
    if (width == width_->value() && depth == depth_->value() && mels == mels_->value() && !error_ &&
        layers_->complexity().params > 0)
        return;
    const QSignalBlocker a(width_), b(depth_), c(mels_);
    width_->setValue(width);
    depth_->setValue(depth);
    mels_->setValue(mels);
    measureSoon();
}

int ComplexityMeter::width() const { return width_->value(); }
int ComplexityMeter::depth() const { return depth_->value(); }
int ComplexityMeter::mels() const { return mels_->value(); }

const sb::ModelComplexity& ComplexityMeter::complexity() const { return layers_->complexity(); }

QString ComplexityMeter::verdictText() const { return verdict_->text(); }

QString ComplexityMeter::int8ModelText() const { return int8Model_->text(); }

bool ComplexityMeter::withinLimits() const { return !error_ && complexity().withinLimits(); }

void ComplexityMeter::measureSoon() { debounce_.start(); }

void ComplexityMeter::measure()
{
    const int w = width(), d = depth(), m = mels();
    // The experiment file's rules for the student's size, so the meter and the editor agree.
    sb::ExperimentConfig config;
    config.student.width = w;
    config.student.depth = d;
    config.student.mels = m;
    QStringList problems;
    for (const sb::FieldIssue& issue : sb::validate(config))
        if (issue.field == "student.width" || issue.field == "student.depth" || issue.field == "student.mels")
            problems << QString::fromStdString(issue.field + ": " + issue.message);
    if (!problems.isEmpty()) {
        slot_.cancel();
        showError(problems.join(QLatin1Char('\n')));
        return;
    }
    verdict_->setText(tr("Measuring…"));
    const quint64 id = slot_.run(
        tr("Complexity of TF-SepNet %1/%2").arg(w).arg(d),
        [w, d, m](sb::JobObserver&, sb::CancellationToken&) {
            return sb::measureTfSepNet(w, d, m, framesPerSecond());
        },
        [this](const sb::ModelComplexity& c) { show(c); });
    if (id == 0) showError(tr("No job runner: cannot measure."));
}

int ComplexityMeter::framesPerSecond() { return sb::CpMel::framesPerSecond(); }

void ComplexityMeter::show(const sb::ModelComplexity& c)
{
    error_ = false;
    layers_->setComplexity(c);
    const QLocale locale;
    params_->setText(locale.toString(qint64(c.params)));
    bytes_->setText(tr("fp32 %1 · fp16 %2 · int8 %3").arg(kilobytes(c.bytesFp32), kilobytes(c.bytesFp16), kilobytes(c.bytesInt8)));
    macs_->setText(locale.toString(qint64(c.macs)));
    const int64_t stored = c.int8Model.total(), limit = sb::dcase::kMaxParameterBytes;
    const QString margin = kilobytes(std::abs(stored - limit));
    int8Model_->setText(stored > limit ? tr("%1 of %2: %3 over").arg(kilobytes(stored), kilobytes(limit), margin)
                                       : tr("%1 of %2: %3 to spare").arg(kilobytes(stored), kilobytes(limit), margin));
    fillBar(memoryBar_, double(c.bytesInt8) / double(limit), c.paramsWithinLimit());
    fillBar(int8ModelBar_, double(stored) / double(limit), c.int8Model.withinLimit());
    fillBar(macsBar_, double(c.macs) / double(sb::dcase::kMaxMacs), c.macsWithinLimit());
    verdict_->setText((c.withinLimits() ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + QString::fromStdString(c.verdict()));
    verdict_->setStyleSheet(c.withinLimits() ? QStringLiteral("color: #009E73") : QStringLiteral("color: #D55E00"));
    emit measured();
}

void ComplexityMeter::showError(const QString& message)
{
    // No figures for a network that cannot be built: old ones would be mistaken for its.
    error_ = true;
    layers_->setComplexity(sb::ModelComplexity{});
    for (QLabel* label : {params_, bytes_, int8Model_, macs_}) label->setText(QStringLiteral("—"));
    for (QProgressBar* bar : {memoryBar_, int8ModelBar_, macsBar_}) {
        bar->setValue(0);
        bar->setFormat(QStringLiteral("—"));
    }
    verdict_->setText(message);
    verdict_->setStyleSheet(QStringLiteral("color: #D55E00"));
}

}  // namespace sb::ui
