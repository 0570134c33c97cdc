#include "ui/runs/SweepDialog.h"

#include "ui/runs/SweepLauncher.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace sb::ui {

namespace {

// Remembered between sweeps (the cluster rarely changes).
const QString kJobsKey = QStringLiteral("sweep/jobs");
const QString kPartitionKey = QStringLiteral("sweep/partition");
const QString kTimeKey = QStringLiteral("sweep/time");
const QString kArrayLimitKey = QStringLiteral("sweep/array-limit");

// A cell trains with as many threads as its task has CPUs; 4 when the experiment takes all cores.
constexpr int kDefaultCpus = 4;

QSpinBox* spinBox(const QString& name, int low, int high, int value, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(low, high);
    box->setValue(value);
    return box;
}

QString shape(const sb::ExperimentConfig& config)
{
    const sb::SweepConfig& w = config.sweep;
    const size_t sizes = std::max<size_t>(1, w.splits.size() + w.percents.size());
    QString text = SweepDialog::tr("%n size(s)", nullptr, int(sizes)) + QStringLiteral(" × ") +
                   SweepDialog::tr("%n seed(s)", nullptr, int(std::max<size_t>(1, w.seeds.size())));
    if (!w.ensembles.empty()) text += QStringLiteral(" × ") + SweepDialog::tr("%n ensemble(s)", nullptr, int(w.ensembles.size()));
    return text;
}

}  // namespace

SweepDialog::SweepDialog(const sb::ExperimentConfig& config, size_t cells, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("sweep-dialog"));
    setWindowTitle(tr("Run the sweep"));
    auto* intro = new QLabel(tr("<b>%1</b> has a sweep section: %2 = %n cell(s), each a run of its own. They are planned "
                                "into a new folder of the project's runs/ (<i>%1-sweep-date-time</i>), which the Runs view "
                                "then shows as its cells finish.",
                                nullptr, int(cells))
                                 .arg(QString::fromStdString(config.name).toHtmlEscaped(), shape(config)),
                             this);
    intro->setWordWrap(true);
    problems_ = new QLabel(this);
    problems_->setObjectName(QStringLiteral("problems"));
    problems_->setWordWrap(true);
    problems_->setStyleSheet(QStringLiteral("color: #c62828;"));
    problems_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problems_->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(localBox(cells));
    layout->addWidget(slurmBox(config));
    layout->addWidget(problems_);
    layout->addWidget(buttons);
    // Wide enough for the notes to wrap into a few lines, not a column.
    setMinimumWidth(80 * fontMetrics().averageCharWidth());
}

QWidget* SweepDialog::localBox(size_t cells)
{
    auto* box = new QGroupBox(tr("Run here"), this);
    jobs_ = spinBox(QStringLiteral("jobs"), 1, 64, QSettings().value(kJobsKey, 1).toInt(), box);
    jobs_->setToolTip(tr("Cells run at the same time, each with its share of the cores"));
    auto* note = new QLabel(box);
    note->setWordWrap(true);
    const auto describe = [note, cells](int jobs) {
        note->setText(jobs == 1 ? tr("%n cell(s), one after the other, each in its own scenebench-cli process (its output "
                                     "in the sweep's logs/ folder). Stop (Esc) interrupts them; running the sweep "
                                     "again continues where they stopped.",
                                     nullptr, int(cells))
                                : tr("%n cell(s), %1 at a time, each in its own scenebench-cli process (its output in the "
                                     "sweep's logs/ folder). Stop (Esc) interrupts them; running the sweep again "
                                     "continues where they stopped.",
                                     nullptr, int(cells))
                                      .arg(jobs));
    };
    describe(jobs_->value());
    connect(jobs_, &QSpinBox::valueChanged, this, describe);
    auto* run = new QPushButton(tr("Run Here"), box);
    run->setObjectName(QStringLiteral("run-here"));
    connect(run, &QPushButton::clicked, this, [this] { choose(Choice::RunHere); });
    auto* form = new QFormLayout(box);
    form->addRow(tr("Cells at once:"), jobs_);
    form->addRow(note);
    form->addRow(run);
    return box;
}

QWidget* SweepDialog::slurmBox(const sb::ExperimentConfig& config)
{
    const QSettings settings;
    auto* box = new QGroupBox(tr("Submit to Slurm"), this);
    partition_ = new QLineEdit(settings.value(kPartitionKey).toString(), box);
    partition_->setObjectName(QStringLiteral("partition"));
    partition_->setPlaceholderText(tr("the cluster's default"));
    time_ = new QLineEdit(settings.value(kTimeKey).toString(), box);
    time_->setObjectName(QStringLiteral("time"));
    time_->setPlaceholderText(tr("the partition's limit; e.g. 4:00:00 or 1-12:00:00"));
    cpus_ = spinBox(QStringLiteral("cpus"), 1, 256, config.threads > 0 ? config.threads : kDefaultCpus, box);
    gpus_ = spinBox(QStringLiteral("gpus"), 0, 16, config.device == "cuda" ? 1 : 0, box);
    gpus_->setToolTip(tr("More than 0 runs the cells with --device cuda"));
    arrayLimit_ = spinBox(QStringLiteral("array-limit"), 0, 10000, settings.value(kArrayLimitKey, 0).toInt(), box);
    arrayLimit_->setSpecialValueText(tr("no limit"));
    arrayLimit_->setToolTip(tr("At most this many of the sweep's tasks run at once (sbatch --array=…%N)"));
    auto* note = new QLabel(tr("One job array of the cells not done, running or queued yet. The nodes run %1, so they "
                               "must see it and the project at the same paths (a shared file system).")
                                .arg(QDir::toNativeSeparators(SweepLauncher::cliPath())),
                            box);
    note->setWordWrap(true);
    auto* submit = new QPushButton(tr("Submit to Slurm"), box);
    submit->setObjectName(QStringLiteral("submit"));
    connect(submit, &QPushButton::clicked, this, [this] { choose(Choice::Submit); });
    auto* form = new QFormLayout(box);
    form->addRow(tr("Partition:"), partition_);
    form->addRow(tr("Time per task:"), time_);
    form->addRow(tr("CPUs per task:"), cpus_);
    form->addRow(tr("GPUs per task:"), gpus_);
    form->addRow(tr("Tasks at once:"), arrayLimit_);
    form->addRow(note);
    form->addRow(submit);
    return box;
}

int SweepDialog::jobs() const { return jobs_->value(); }

sb::SlurmOptions SweepDialog::slurmOptions() const
{
    sb::SlurmOptions o;
    o.cli = SweepLauncher::cliPath().toStdString();
    o.partition = partition_->text().trimmed().toStdString();
    o.time = time_->text().trimmed().toStdString();
    o.cpus = cpus_->value();
    o.gpus = gpus_->value();
    o.arrayLimit = arrayLimit_->value();
    return o;
}

QString SweepDialog::problems() const { return problems_->text(); }

QString SweepDialog::timeProblem(const QString& time)
{
    const QString t = time.trimmed();
    if (t.isEmpty()) return {};
    // minutes, minutes:seconds, hours:minutes:seconds, days-hours[:minutes[:seconds]] (sbatch --time).
    static const QRegularExpression form(QStringLiteral("^(?:(\\d+)-)?(\\d+)(?::(\\d{1,2}))?(?::(\\d{1,2}))?$"));
    const QRegularExpressionMatch m = form.match(t);
    bool ok = m.hasMatch();
    if (ok && m.hasCaptured(1)) ok = m.captured(2).toInt() < 24;
    for (int i : {3, 4})
        if (ok && m.hasCaptured(i)) ok = m.captured(i).toInt() < 60;
    if (ok) return {};
    return tr("Time per task: “%1” is not a Slurm time limit. Write minutes (90), hours:minutes:seconds (2:00:00) or "
              "days-hours:minutes:seconds (1-12:00:00), or leave it empty for the partition's limit.")
        .arg(t);
}

QString SweepDialog::partitionProblem(const QString& partition)
{
    const QString p = partition.trimmed();
    static const QRegularExpression names(QStringLiteral("^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$"));
    if (p.isEmpty() || names.match(p).hasMatch()) return {};
    return tr("Partition: “%1” is not a partition name (letters, digits, '_', '-' and '.'; several separated by "
              "commas), or leave it empty for the cluster's default.")
        .arg(p);
}

void SweepDialog::choose(Choice choice)
{
    QStringList found{SweepLauncher::cliProblem()};
    if (choice == Choice::Submit) found << partitionProblem(partition_->text()) << timeProblem(time_->text());
    found.removeAll(QString());
    problems_->setText(found.join(QLatin1Char('\n')));
    problems_->setVisible(!found.isEmpty());
    if (!found.isEmpty()) return;
    choice_ = choice;
    remember();
    accept();
}

void SweepDialog::remember() const
{
    QSettings settings;
    settings.setValue(kJobsKey, jobs_->value());
    if (choice_ != Choice::Submit) return;
    settings.setValue(kPartitionKey, partition_->text().trimmed());
    settings.setValue(kTimeKey, time_->text().trimmed());
    settings.setValue(kArrayLimitKey, arrayLimit_->value());
}

}  // namespace sb::ui
