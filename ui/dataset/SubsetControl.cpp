#include "ui/dataset/SubsetControl.h"

#include "core/common/Dcase.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

#include <algorithm>
#include <array>

namespace sb::ui {

namespace {
// Combo order of the kinds.
constexpr std::array<sb::SubsetChoice::Kind, 4> kKinds = {sb::SubsetChoice::Kind::Official, sb::SubsetChoice::Kind::Custom,
                                                          sb::SubsetChoice::Kind::Test, sb::SubsetChoice::Kind::All};
const char* const kKindNames[] = {"official", "custom", "test", "all"};
}  // namespace

SubsetControl::SubsetControl(QWidget* parent)
    : QWidget(parent), kind_(new QComboBox(this)), official_(new QComboBox(this)), custom_(new QDoubleSpinBox(this)),
      seed_(new QSpinBox(this))
{
    kind_->addItems({tr("Official split"), tr("Custom subset"), tr("Test set"), tr("All listed clips")});
    for (int percent : sb::dcase::kSplitPercents) official_->addItem(QStringLiteral("%1 %").arg(percent), percent);
    official_->setCurrentIndex(0);
    custom_->setRange(0.1, 100.0);
    custom_->setDecimals(1);
    custom_->setSingleStep(1.0);
    custom_->setValue(5.0);
    custom_->setSuffix(QStringLiteral(" %"));
    custom_->setToolTip(tr("Nested stratified subset of the training pool: for one seed a smaller subset "
                           "always lies inside a larger one"));
    seed_->setRange(0, 999999);
    seed_->setPrefix(tr("seed "));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Subset"), this));
    layout->addWidget(kind_);
    layout->addWidget(official_);
    layout->addWidget(custom_);
    layout->addWidget(seed_);
    layout->addStretch(1);

    connect(kind_, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emit choiceChanged();
    });
    connect(official_, &QComboBox::currentIndexChanged, this, &SubsetControl::choiceChanged);
    connect(custom_, &QDoubleSpinBox::valueChanged, this, &SubsetControl::choiceChanged);
    connect(seed_, &QSpinBox::valueChanged, this, &SubsetControl::choiceChanged);
    updateEnabled();
}

sb::SubsetChoice SubsetControl::choice() const
{
    switch (kKinds[size_t(kind_->currentIndex())]) {
    case sb::SubsetChoice::Kind::Official: return sb::SubsetChoice::official(official_->currentData().toInt());
    case sb::SubsetChoice::Kind::Custom: return sb::SubsetChoice::custom(custom_->value(), uint64_t(seed_->value()));
    case sb::SubsetChoice::Kind::Test: return sb::SubsetChoice::test();
    case sb::SubsetChoice::Kind::All: break;
    }
    return sb::SubsetChoice::all();
}

void SubsetControl::setChoice(const sb::SubsetChoice& choice)
{
    const QSignalBlocker a(kind_), b(official_), c(custom_), d(seed_);
    kind_->setCurrentIndex(int(std::find(kKinds.begin(), kKinds.end(), choice.kind) - kKinds.begin()));
    const int official = official_->findData(choice.officialPercent);
    if (official >= 0) official_->setCurrentIndex(official);
    custom_->setValue(choice.customPercent);
    seed_->setValue(int(choice.seed));
    updateEnabled();
}

QJsonObject SubsetControl::state() const
{
    return QJsonObject{{QStringLiteral("kind"), QLatin1String(kKindNames[kind_->currentIndex()])},
                       {QStringLiteral("official"), official_->currentData().toInt()},
                       {QStringLiteral("custom"), custom_->value()},
                       {QStringLiteral("seed"), seed_->value()}};
}

void SubsetControl::applyState(const QJsonObject& state)
{
    sb::SubsetChoice c = sb::SubsetChoice::official(state.value(QLatin1String("official")).toInt(5));
    const QString kind = state.value(QLatin1String("kind")).toString(QStringLiteral("official"));
    for (size_t i = 0; i < kKinds.size(); ++i)
        if (kind == QLatin1String(kKindNames[i])) c.kind = kKinds[i];
    c.customPercent = state.value(QLatin1String("custom")).toDouble(5.0);
    c.seed = uint64_t(state.value(QLatin1String("seed")).toInt(0));
    setChoice(c);
}

void SubsetControl::updateEnabled()
{
    const auto kind = kKinds[size_t(kind_->currentIndex())];
    official_->setVisible(kind == sb::SubsetChoice::Kind::Official);
    custom_->setVisible(kind == sb::SubsetChoice::Kind::Custom);
    seed_->setVisible(kind == sb::SubsetChoice::Kind::Custom);
}

}  // namespace sb::ui
