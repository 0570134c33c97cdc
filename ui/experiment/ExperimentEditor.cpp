#include "ui/experiment/ExperimentEditor.h"

#include "ui/experiment/ExperimentDocument.h"
#include "ui/experiment/FieldBinder.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace sb::ui {

namespace {
using Config = sb::ExperimentConfig;
constexpr int kOfficialSplits[] = {5, 10, 25, 50, 100};
// What a custom subset starts at when the user switches to it: the smallest official split.
constexpr double kDefaultCustomPercent = 5.0;
constexpr int kManyEpochs = 1000000;
constexpr int kLargeBatch = 1000000;
constexpr int kMaxSeed = 2147483647;

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

QFormLayout* newForm(QWidget* parent)
{
    auto* form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    return form;
}

// A variant name as the paper writes it.
QString variantLabel(const QString& variant)
{
    if (variant == QLatin1String("ssl_frozen")) return QObject::tr("SSL* (frozen encoder)");
    if (variant == QLatin1String("ssl")) return QObject::tr("SSL (trained encoder)");
    return QObject::tr("SSL+SL (trained encoder)");
}
}  // namespace

ExperimentEditor::ExperimentEditor(ExperimentDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), binder_(new FieldBinder(document, this)), title_(new QLabel(this)),
      openProblems_(new QLabel(this))
{
    setObjectName(QStringLiteral("experiment"));
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    openProblems_->setWordWrap(true);
    openProblems_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    openProblems_->setStyleSheet(QStringLiteral("QLabel { color: #D55E00; border: 1px solid #D55E00; padding: 6px; }"));
    openProblems_->hide();

    auto* left = new QVBoxLayout;
    left->addWidget(buildGeneral());
    left->addWidget(buildDataset());
    left->addWidget(buildStudent());
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(buildTeachers());
    right->addWidget(buildEnsemble());
    status_ = new QLabel(this);
    problems_ = new QListWidget(this);
    problems_->setObjectName(QStringLiteral("problems"));
    problems_->setToolTip(tr("Click a problem to go to its field"));
    auto* problemsBox = new QGroupBox(tr("Problems"), this);
    auto* problemsLayout = new QVBoxLayout(problemsBox);
    problemsLayout->addWidget(status_);
    problemsLayout->addWidget(problems_);
    right->addWidget(problemsBox, 1);
    connect(problems_, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { focusField(item->data(Qt::UserRole).toString()); });

    auto* columns = new QWidget;
    auto* columnsLayout = new QHBoxLayout(columns);
    columnsLayout->addLayout(left, 1);
    columnsLayout->addLayout(right, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("experiment-scroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(columns);

    layout_ = new QVBoxLayout(this);
    layout_->addWidget(title_);
    layout_->addWidget(openProblems_);
    layout_->addWidget(scroll, 1);

    connect(document_, &ExperimentDocument::changed, this, &ExperimentEditor::refresh);
    connect(document_, &ExperimentDocument::pathChanged, this, [this] {
        openProblems_->hide();
        refresh();
    });
    refresh();
}

QWidget* ExperimentEditor::buildGeneral()
{
    auto* box = new QGroupBox(tr("Experiment"), this);
    QFormLayout* form = newForm(box);
    form->addRow(tr("Name"), binder_->text(QStringLiteral("name"), tr("name"), [](Config& c) -> std::string& { return c.name; }));
    form->addRow(tr("Description"), binder_->longText(QStringLiteral("description"), tr("description"),
                                                      [](Config& c) -> std::string& { return c.description; }));
    form->addRow(tr("Seed"), binder_->integer(QStringLiteral("seed"), tr("seed"), [](Config& c) -> int& { return c.seed; }, -1, kMaxSeed));
    QWidget* threads = binder_->integer(QStringLiteral("threads"), tr("threads"), [](Config& c) -> int& { return c.threads; }, -1, 100000);
    threads->findChild<QWidget*>(QStringLiteral("threads"))->setToolTip(tr("CPU threads for the run; 0 = all cores"));
    form->addRow(tr("Threads"), threads);
    form->addRow(tr("Device"), binder_->choice(QStringLiteral("device"), tr("device"), [](Config& c) -> std::string& { return c.device; },
                                               {{QStringLiteral("cpu"), tr("CPU")}, {QStringLiteral("cuda"), tr("CUDA GPU")}}));
    return box;
}

QWidget* ExperimentEditor::pathRow(QWidget* field, const QString& name, const QString& tip)
{
    // The field and a Browse button that fills it (a folder for datasets and impulse
    // responses, a .pt file for checkpoints).
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    auto* browse = new QPushButton(tr("Browse…"), row);
    browse->setToolTip(tip);
    layout->addWidget(browse, 0, Qt::AlignTop);
    const bool file = name.endsWith(QLatin1String(".checkpoint"));
    connect(browse, &QPushButton::clicked, this, [this, name, file] {
        const QString start = document_->folder(QString());
        const QString chosen = file ? QFileDialog::getOpenFileName(this, tr("Choose a BEATs checkpoint"), start,
                                                                   tr("PyTorch checkpoints (*.pt *.pth *.ckpt);;All files (*)"))
                                    : QFileDialog::getExistingDirectory(this, tr("Choose a folder"), start);
        if (chosen.isEmpty()) return;
        const std::string value = chosen.toStdString();
        binder_->commit(name, tr("path"), [this, name, value](Config& c) {
            if (name == QLatin1String("dataset.path")) c.dataset.path = value;
            else if (name == QLatin1String("dataset.impulse_responses")) c.dataset.impulseResponses = value;
            else c.teachers[size_t(binder_->selectedTeacher())].checkpoint = value;
        });
    });
    return row;
}

QWidget* ExperimentEditor::buildDataset()
{
    auto* box = new QGroupBox(tr("Dataset"), this);
    datasetForm_ = newForm(box);

    // Source: the demo ("demo" in the file) or a TAU22 folder (its path).
    auto* source = new QComboBox;
    source->addItem(tr("Demo dataset (built in)"));
    source->addItem(tr("TAU22 folder"));
    connect(source, &QComboBox::activated, this, [this](int index) {
        binder_->commit(QStringLiteral("dataset.path"), tr("dataset"), [index](Config& c) {
            if (index == 0) c.dataset.path = "demo";
            else if (c.dataset.path == "demo") c.dataset.path.clear();
        });
    });
    datasetForm_->addRow(tr("Source"), binder_->custom(QStringLiteral("dataset.source"), source, [source](Config& c) {
        source->setCurrentIndex(c.dataset.path == "demo" ? 0 : 1);
    }));
    datasetPath_ = pathRow(binder_->text(QStringLiteral("dataset.path"), tr("dataset folder"),
                                         [](Config& c) -> std::string& { return c.dataset.path; }),
                           QStringLiteral("dataset.path"), tr("Choose the dataset folder (TAU22 layout: meta.csv, audio/, evaluation_setup/)"));
    datasetForm_->addRow(tr("Folder"), datasetPath_);

    // Subset: an official split (percent 0 in the file) or a custom percentage.
    auto* kind = new QComboBox;
    kind->addItem(tr("Official split"));
    kind->addItem(tr("Custom percentage"));
    connect(kind, &QComboBox::activated, this, [this](int index) {
        binder_->commit(QStringLiteral("dataset.percent"), tr("subset"), [index](Config& c) {
            if (index == 0) c.dataset.percent = 0;
            else if (c.dataset.percent == 0) c.dataset.percent = kDefaultCustomPercent;
        });
    });
    datasetForm_->addRow(tr("Subset"), binder_->custom(QStringLiteral("dataset.subset"), kind, [kind](Config& c) {
        kind->setCurrentIndex(c.dataset.percent > 0 ? 1 : 0);
    }));
    auto* split = new QComboBox;
    for (int percent : kOfficialSplits) split->addItem(QStringLiteral("%1 %").arg(percent), percent);
    connect(split, &QComboBox::activated, this, [this, split](int index) {
        const int percent = split->itemData(index).toInt();
        binder_->commit(QStringLiteral("dataset.split"), tr("split"), [percent](Config& c) { c.dataset.split = percent; });
    });
    datasetSplit_ = binder_->custom(QStringLiteral("dataset.split"), split, [split](Config& c) {
        split->setCurrentIndex(split->findData(c.dataset.split));
    });
    datasetForm_->addRow(tr("Split"), datasetSplit_);
    datasetPercent_ = binder_->number(QStringLiteral("dataset.percent"), tr("subset percentage"),
                                      [](Config& c) -> double& { return c.dataset.percent; });
    datasetForm_->addRow(tr("Percent"), datasetPercent_);
    datasetSeed_ = binder_->integer(QStringLiteral("dataset.subset_seed"), tr("subset seed"),
                                    [](Config& c) -> int& { return c.dataset.subsetSeed; }, -1, kMaxSeed);
    datasetForm_->addRow(tr("Subset seed"), datasetSeed_);
    datasetForm_->addRow(tr("Device IRs"),
                         pathRow(binder_->text(QStringLiteral("dataset.impulse_responses"), tr("impulse responses"),
                                               [](Config& c) -> std::string& { return c.dataset.impulseResponses; }),
                                 QStringLiteral("dataset.impulse_responses"),
                                 tr("A folder of device impulse responses (.wav); empty = none (the demo brings its own)")));
    return box;
}

void ExperimentEditor::addTraining(QFormLayout* form, const QString& prefix, Access<int> epochs, Access<int> batch,
                                   Access<int> epochClips, Access<sb::OptimizerConfig> optimizer, Access<sb::ScheduleConfig> schedule,
                                   Access<sb::AugmentConfig> augment)
{
    const QString at = prefix + QLatin1Char('.');
    form->addRow(tr("Epochs"), binder_->integer(at + QStringLiteral("epochs"), tr("epochs"), epochs, -1, kManyEpochs));
    form->addRow(tr("Batch size"), binder_->integer(at + QStringLiteral("batch_size"), tr("batch size"), batch, -1, kLargeBatch));
    // An epoch as a fresh random sample of this many clips (0 = all): the same cost on every split.
    form->addRow(tr("Clips per epoch (0 = all)"), binder_->integer(at + QStringLiteral("max_epoch_clips"), tr("clips per epoch"),
                                                                  epochClips, -1, 100000000));
    const QString opt = at + QStringLiteral("optimizer.");
    form->addRow(tr("Optimiser"), binder_->choice(opt + QStringLiteral("type"), tr("optimiser"),
                                                  [optimizer](Config& c) -> std::string& { return optimizer(c).type; },
                                                  {{QStringLiteral("adam"), tr("Adam")}, {QStringLiteral("adamw"), tr("AdamW")}}));
    form->addRow(tr("Learning rate"), binder_->number(opt + QStringLiteral("lr"), tr("learning rate"),
                                                      [optimizer](Config& c) -> double& { return optimizer(c).lr; }));
    form->addRow(tr("β₁"), binder_->number(opt + QStringLiteral("betas"), tr("beta1"),
                                           [optimizer](Config& c) -> double& { return optimizer(c).beta1; }));
    form->addRow(tr("β₂"), binder_->number(opt + QStringLiteral("betas"), tr("beta2"),
                                           [optimizer](Config& c) -> double& { return optimizer(c).beta2; }));
    form->addRow(tr("Weight decay"), binder_->number(opt + QStringLiteral("weight_decay"), tr("weight decay"),
                                                     [optimizer](Config& c) -> double& { return optimizer(c).weightDecay; }));

    const QString sch = at + QStringLiteral("schedule.");
    form->addRow(tr("Schedule"),
                 binder_->choice(sch + QStringLiteral("type"), tr("schedule"), [schedule](Config& c) -> std::string& { return schedule(c).type; },
                                 {{QStringLiteral("constant"), tr("Constant")},
                                  {QStringLiteral("warmup_linear"), tr("Warm-up, then linear decay")},
                                  {QStringLiteral("cosine_restarts"), tr("Cosine with warm restarts")}}));
    ScheduleRows rows{form, schedule, nullptr, nullptr, nullptr, nullptr, nullptr};
    rows.warmup = binder_->integer(sch + QStringLiteral("warmup_epochs"), tr("warm-up epochs"),
                                   [schedule](Config& c) -> int& { return schedule(c).warmupEpochs; }, -1, kManyEpochs);
    form->addRow(tr("Warm-up epochs"), rows.warmup);
    rows.decay = binder_->integer(sch + QStringLiteral("decay_epochs"), tr("decay epochs"),
                                  [schedule](Config& c) -> int& { return schedule(c).decayEpochs; }, -1, kManyEpochs);
    form->addRow(tr("Decay epochs"), rows.decay);
    rows.finalFactor = binder_->number(sch + QStringLiteral("final_factor"), tr("final factor"),
                                       [schedule](Config& c) -> double& { return schedule(c).finalFactor; });
    form->addRow(tr("Final lr factor"), rows.finalFactor);
    rows.t0 = binder_->integer(sch + QStringLiteral("t0"), tr("T₀"), [schedule](Config& c) -> int& { return schedule(c).t0; }, -1, kManyEpochs);
    form->addRow(tr("T₀ (epochs)"), rows.t0);
    rows.tMult = binder_->integer(sch + QStringLiteral("t_mult"), tr("T mult"), [schedule](Config& c) -> int& { return schedule(c).tMult; }, -1, 1000);
    form->addRow(tr("T mult"), rows.tMult);
    schedules_.append(rows);

    const QString aug = at + QStringLiteral("augment.");
    form->addRow(tr("MixUp α"), binder_->number(aug + QStringLiteral("mixup_alpha"), tr("MixUp α"),
                                                [augment](Config& c) -> double& { return augment(c).mixupAlpha; }));
    form->addRow(tr("SpecAugment p"), binder_->number(aug + QStringLiteral("specaugment_p"), tr("SpecAugment p"),
                                                      [augment](Config& c) -> double& { return augment(c).specAugmentP; }));
    form->addRow(tr("FreqMixStyle α"), binder_->number(aug + QStringLiteral("freqmixstyle_alpha"), tr("FreqMixStyle α"),
                                                       [augment](Config& c) -> double& { return augment(c).freqMixStyleAlpha; }));
    form->addRow(tr("FreqMixStyle p"), binder_->number(aug + QStringLiteral("freqmixstyle_p"), tr("FreqMixStyle p"),
                                                       [augment](Config& c) -> double& { return augment(c).freqMixStyleP; }));
    form->addRow(tr("Device IR p"), binder_->number(aug + QStringLiteral("device_ir_p"), tr("device IR p"),
                                                    [augment](Config& c) -> double& { return augment(c).deviceIrP; }));
}

QWidget* ExperimentEditor::buildTeachers()
{
    auto* box = new QGroupBox(tr("Teachers"), this);
    auto* layout = new QVBoxLayout(box);
    teachers_ = new QListWidget(box);
    teachers_->setObjectName(QStringLiteral("teachers"));
    teachers_->setMaximumHeight(teachers_->fontMetrics().height() * 6);
    connect(teachers_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) binder_->setSelectedTeacher(row);
    });
    auto* add = new QPushButton(tr("Add Teacher"), box);
    auto* menu = new QMenu(add);
    for (const QString& variant : {QStringLiteral("ssl_frozen"), QStringLiteral("ssl"), QStringLiteral("ssl_sl")})
        menu->addAction(variantLabel(variant), this, [this, variant] { addTeacher(variant); });
    add->setMenu(menu);
    removeTeacher_ = new QPushButton(tr("Remove"), box);
    connect(removeTeacher_, &QPushButton::clicked, this, &ExperimentEditor::removeSelectedTeacher);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(removeTeacher_);
    buttons->addStretch(1);

    teacherForm_ = new QWidget(box);
    QFormLayout* form = newForm(teacherForm_);
    form->setContentsMargins(0, 0, 0, 0);
    auto teacher = [this](Config& c) -> sb::TeacherConfig& { return c.teachers[size_t(binder_->selectedTeacher())]; };
    // Renaming a teacher renames it in the ensemble too, in the same undo step.
    auto* name = new QLineEdit;
    connect(name, &QLineEdit::textEdited, this, [this, teacher](const QString& text) {
        const std::string value = text.toStdString();
        binder_->commit(QStringLiteral("teachers[].name"), tr("teacher name"), [teacher, value](Config& c) {
            std::string& current = teacher(c).name;
            for (std::string& member : c.ensemble)
                if (member == current) member = value;
            current = value;
        });
    });
    form->addRow(tr("Name"), binder_->custom(QStringLiteral("teachers[].name"), name, [name, teacher](Config& c) {
        const QString value = fromStd(teacher(c).name);
        if (name->text() != value) name->setText(value);
    }));
    form->addRow(tr("Variant"), binder_->choice(QStringLiteral("teachers[].variant"), tr("variant"),
                                                [teacher](Config& c) -> std::string& { return teacher(c).variant; },
                                                {{QStringLiteral("ssl_frozen"), variantLabel(QStringLiteral("ssl_frozen"))},
                                                 {QStringLiteral("ssl"), variantLabel(QStringLiteral("ssl"))},
                                                 {QStringLiteral("ssl_sl"), variantLabel(QStringLiteral("ssl_sl"))}}));
    form->addRow(tr("Checkpoint"), pathRow(binder_->text(QStringLiteral("teachers[].checkpoint"), tr("checkpoint"),
                                                         [teacher](Config& c) -> std::string& { return teacher(c).checkpoint; }),
                                           QStringLiteral("teachers[].checkpoint"),
                                           tr("A BEATs checkpoint (.pt); \"demo\" = the encoder SceneBench pre-trains on the demo")));
    form->addRow(QString(), binder_->flag(QStringLiteral("teachers[].frozen"), tr("Frozen encoder (only the head trains)"),
                                          [teacher](Config& c) -> bool& { return teacher(c).frozen; }));
    form->addRow(tr("Layer decay"), binder_->number(QStringLiteral("teachers[].layer_decay"), tr("layer decay"),
                                                    [teacher](Config& c) -> double& { return teacher(c).layerDecay; }));
    addTraining(
        form, QStringLiteral("teachers[]"), [teacher](Config& c) -> int& { return teacher(c).epochs; },
        [teacher](Config& c) -> int& { return teacher(c).batchSize; },
        [teacher](Config& c) -> int& { return teacher(c).maxEpochClips; },
        [teacher](Config& c) -> sb::OptimizerConfig& { return teacher(c).optimizer; },
        [teacher](Config& c) -> sb::ScheduleConfig& { return teacher(c).schedule; },
        [teacher](Config& c) -> sb::AugmentConfig& { return teacher(c).augment; });

    layout->addWidget(teachers_);
    layout->addLayout(buttons);
    layout->addWidget(teacherForm_);
    return box;
}

QWidget* ExperimentEditor::buildEnsemble()
{
    auto* box = new QGroupBox(tr("Ensemble"), this);
    auto* layout = new QVBoxLayout(box);
    auto* hint = new QLabel(tr("The teachers whose logits are averaged for distillation. None ticked: all of them."), box);
    hint->setWordWrap(true);
    ensemble_ = new QListWidget(box);
    ensemble_->setObjectName(QStringLiteral("ensemble"));
    ensemble_->setMaximumHeight(ensemble_->fontMetrics().height() * 5);
    connect(ensemble_, &QListWidget::itemChanged, this, &ExperimentEditor::ensembleToggled);
    layout->addWidget(hint);
    layout->addWidget(ensemble_);
    return box;
}

QWidget* ExperimentEditor::buildStudent()
{
    auto* box = new QGroupBox(tr("Student (TF-SepNet)"), this);
    QFormLayout* form = newForm(box);
    form->addRow(tr("Width"), binder_->integer(QStringLiteral("student.width"), tr("student width"),
                                               [](Config& c) -> int& { return c.student.width; }, -1, 100000, 4));
    form->addRow(tr("Depth"), binder_->integer(QStringLiteral("student.depth"), tr("student depth"),
                                               [](Config& c) -> int& { return c.student.depth; }, -1, 1000));
    form->addRow(tr("Mel bins"), binder_->integer(QStringLiteral("student.mels"), tr("mel bins"),
                                                  [](Config& c) -> int& { return c.student.mels; }, -1, 100000, 32));
    form->addRow(tr("KD temperature T"), binder_->number(QStringLiteral("student.kd.temperature"), tr("KD temperature"),
                                                         [](Config& c) -> double& { return c.student.kd.temperature; }));
    form->addRow(tr("KD λ (label weight)"), binder_->number(QStringLiteral("student.kd.lambda"), tr("KD λ"),
                                                            [](Config& c) -> double& { return c.student.kd.lambda; }));
    form->addRow(QString(), binder_->flag(QStringLiteral("student.also_without_kd"), tr("Also train a student without KD"),
                                          [](Config& c) -> bool& { return c.student.alsoWithoutKd; }));
    addTraining(
        form, QStringLiteral("student"), [](Config& c) -> int& { return c.student.epochs; },
        [](Config& c) -> int& { return c.student.batchSize; },
        [](Config& c) -> int& { return c.student.maxEpochClips; },
        [](Config& c) -> sb::OptimizerConfig& { return c.student.optimizer; },
        [](Config& c) -> sb::ScheduleConfig& { return c.student.schedule; },
        [](Config& c) -> sb::AugmentConfig& { return c.student.augment; });
    return box;
}

int ExperimentEditor::selectedTeacher() const { return binder_->selectedTeacher(); }

void ExperimentEditor::selectTeacher(int index)
{
    if (index < 0 || index >= int(document_->config().teachers.size())) return;
    teachers_->setCurrentRow(index);
    binder_->setSelectedTeacher(index);
}

void ExperimentEditor::addTeacher(const QString& variant)
{
    const Config& config = document_->config();
    // The first free "teacher-N", so names stay unique.
    int number = int(config.teachers.size()) + 1;
    auto taken = [&config](const std::string& name) {
        for (const sb::TeacherConfig& t : config.teachers)
            if (t.name == name) return true;
        return false;
    };
    while (taken("teacher-" + std::to_string(number))) ++number;
    const sb::TeacherConfig teacher = sb::paperTeacher(variant.toStdString(), "teacher-" + std::to_string(number), "demo");
    const int index = int(config.teachers.size());
    binder_->commit(QStringLiteral("teachers"), tr("add teacher"), [teacher](Config& c) {
        c.teachers.push_back(teacher);
        if (!c.ensemble.empty()) c.ensemble.push_back(teacher.name);
    });
    selectTeacher(index);
}

void ExperimentEditor::removeSelectedTeacher()
{
    const int index = selectedTeacher();
    if (index < 0 || index >= int(document_->config().teachers.size())) return;
    binder_->commit(QStringLiteral("teachers"), tr("remove teacher"), [index](Config& c) {
        const std::string name = c.teachers[size_t(index)].name;
        c.teachers.erase(c.teachers.begin() + index);
        c.ensemble.erase(std::remove(c.ensemble.begin(), c.ensemble.end(), name), c.ensemble.end());
    });
}

void ExperimentEditor::ensembleToggled(QListWidgetItem*)
{
    std::vector<std::string> members;
    for (int row = 0; row < ensemble_->count(); ++row)
        if (ensemble_->item(row)->checkState() == Qt::Checked) members.push_back(ensemble_->item(row)->text().toStdString());
    binder_->commit(QStringLiteral("ensemble"), tr("ensemble"), [members](Config& c) { c.ensemble = members; });
}

bool ExperimentEditor::focusField(const QString& field)
{
    static const QRegularExpression teacherField(QStringLiteral("^teachers\\[(\\d+)\\]"));
    const auto match = teacherField.match(field);
    if (match.hasMatch()) selectTeacher(match.captured(1).toInt());
    QWidget* target = binder_->editorFor(field);
    if (!target && field.startsWith(QLatin1String("ensemble"))) target = ensemble_;
    if (!target && field.startsWith(QLatin1String("teachers"))) target = teachers_;
    if (!target) return false;
    if (auto* scroll = findChild<QScrollArea*>(QStringLiteral("experiment-scroll"))) scroll->ensureWidgetVisible(target);
    target->setFocus(Qt::OtherFocusReason);
    return true;
}

void ExperimentEditor::showOpenProblems(const QString& file, const std::vector<sb::FieldIssue>& issues)
{
    QStringList lines;
    for (const sb::FieldIssue& issue : issues) lines << QStringLiteral("• %1: %2").arg(fromStd(issue.field), fromStd(issue.message));
    openProblems_->setText(tr("%1 was not opened (nothing of it was loaded):\n%2").arg(QDir::toNativeSeparators(file), lines.join(QLatin1Char('\n'))));
    openProblems_->show();
}

void ExperimentEditor::insertBanner(QWidget* banner) { layout_->insertWidget(layout_->indexOf(openProblems_), banner); }

QString ExperimentEditor::openProblemsText() const { return openProblems_->isHidden() ? QString() : openProblems_->text(); }

void ExperimentEditor::refresh()
{
    const Config& config = document_->config();
    title_->setText(tr("%1%2 — %3").arg(document_->displayName(), document_->isModified() ? QStringLiteral(" *") : QString(),
                                        fromStd(config.name)));
    int teacher = binder_->selectedTeacher();
    if (config.teachers.empty()) teacher = -1;
    else teacher = qBound(0, teacher, int(config.teachers.size()) - 1);
    binder_->setSelectedTeacher(teacher);  // refreshes every field
    refreshTeachers();
    refreshEnsemble();
    refreshProblems();

    datasetForm_->setRowVisible(datasetPath_, config.dataset.path != "demo");
    datasetForm_->setRowVisible(datasetSplit_, config.dataset.percent == 0);
    datasetForm_->setRowVisible(datasetPercent_, config.dataset.percent != 0);
    datasetForm_->setRowVisible(datasetSeed_, config.dataset.percent != 0);
    Config copy = config;
    for (const ScheduleRows& rows : std::as_const(schedules_)) {
        if (teacher < 0 && rows.form->parentWidget() == teacherForm_) continue;
        const std::string& type = rows.access(copy).type;
        rows.form->setRowVisible(rows.warmup, type == "warmup_linear");
        rows.form->setRowVisible(rows.decay, type == "warmup_linear");
        rows.form->setRowVisible(rows.finalFactor, type == "warmup_linear");
        rows.form->setRowVisible(rows.t0, type == "cosine_restarts");
        rows.form->setRowVisible(rows.tMult, type == "cosine_restarts");
    }
}

void ExperimentEditor::refreshTeachers()
{
    const Config& config = document_->config();
    const QSignalBlocker blocker(teachers_);
    teachers_->clear();
    for (size_t i = 0; i < config.teachers.size(); ++i) {
        const sb::TeacherConfig& t = config.teachers[i];
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(fromStd(t.name), variantLabel(fromStd(t.variant))), teachers_);
        const std::string at = "teachers[" + std::to_string(i) + "]";
        const bool bad = std::any_of(document_->issues().begin(), document_->issues().end(),
                                     [&at](const sb::FieldIssue& issue) { return issue.field.rfind(at, 0) == 0; });
        if (bad) {
            item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
            item->setToolTip(tr("This teacher has problems (see Problems)"));
        }
    }
    teachers_->setCurrentRow(binder_->selectedTeacher());
    teacherForm_->setVisible(!config.teachers.empty());
    removeTeacher_->setEnabled(!config.teachers.empty());
}

void ExperimentEditor::refreshEnsemble()
{
    const Config& config = document_->config();
    const QSignalBlocker blocker(ensemble_);
    ensemble_->clear();
    for (const sb::TeacherConfig& t : config.teachers) {
        auto* item = new QListWidgetItem(fromStd(t.name), ensemble_);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        const bool member = std::find(config.ensemble.begin(), config.ensemble.end(), t.name) != config.ensemble.end();
        item->setCheckState(member ? Qt::Checked : Qt::Unchecked);
    }
}

void ExperimentEditor::refreshProblems()
{
    problems_->clear();
    for (const sb::FieldIssue& issue : document_->issues()) {
        auto* item = new QListWidgetItem(QStringLiteral("%1: %2").arg(fromStd(issue.field), fromStd(issue.message)), problems_);
        item->setData(Qt::UserRole, fromStd(issue.field));
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    }
    const size_t n = document_->issues().size();
    status_->setText(n == 0 ? tr("✔ The experiment is valid: F5 runs it.")
                            : tr("✘ %n problem(s): fix them before running or saving.", nullptr, int(n)));
    status_->setStyleSheet(n == 0 ? QStringLiteral("color: #009E73") : QStringLiteral("color: #D55E00"));
}

}  // namespace sb::ui
