#pragma once
// Chooses which clips the Dataset view shows (and a run will train on): an official
// DCASE split (5, 10, 25, 50, 100 %), a custom percentage drawn as a nested stratified
// subset with a seed, the test list, or everything. Emits choiceChanged on every edit.
// GUI thread only.
#include "core/data/SubsetChoice.h"

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace sb::ui {

class SubsetControl : public QWidget {
    Q_OBJECT
public:
    explicit SubsetControl(QWidget* parent = nullptr);

    sb::SubsetChoice choice() const;
    void setChoice(const sb::SubsetChoice& choice);  // no choiceChanged

    QJsonObject state() const;
    void applyState(const QJsonObject& state);

signals:
    void choiceChanged();

private:
    void updateEnabled();

    QComboBox* kind_;
    QComboBox* official_;
    QDoubleSpinBox* custom_;
    QSpinBox* seed_;
};

}  // namespace sb::ui
