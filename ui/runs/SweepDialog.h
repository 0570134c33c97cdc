#pragma once
// What F5 offers for an experiment with a sweep section: run its cells here (one after
// the other, or several at once), or submit them to Slurm as one job array (partition,
// time per task, CPUs and GPUs per task, how many tasks at once), or Cancel. A choice is
// checked before the dialog closes — scenebench-cli missing beside the program, a time
// Slurm would refuse, a partition name it cannot be — and what is wrong is said under
// the fields. The Slurm fields and the cells at once are remembered (QSettings).
// GUI thread only.
#include "core/experiment/ExperimentConfig.h"
#include "core/sweep/SlurmSubmitter.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace sb::ui {

class SweepDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { None, RunHere, Submit };

    // `cells`: how many cells the sweep has.
    SweepDialog(const sb::ExperimentConfig& config, size_t cells, QWidget* parent = nullptr);

    Choice choice() const { return choice_; }
    int jobs() const;                       // cells at once, here
    sb::SlurmOptions slurmOptions() const;  // with scenebench-cli beside this program
    QString problems() const;               // what the last choice found wrong; empty: nothing

    // Empty when Slurm takes `time` ("" = the partition's limit); else what is wrong.
    static QString timeProblem(const QString& time);
    // Empty when `partition` is empty or one name or a comma-separated list of names.
    static QString partitionProblem(const QString& partition);

private:
    QWidget* localBox(size_t cells);
    QWidget* slurmBox(const sb::ExperimentConfig& config);
    void choose(Choice choice);
    void remember() const;

    Choice choice_ = Choice::None;
    QSpinBox* jobs_ = nullptr;
    QLineEdit* partition_ = nullptr;
    QLineEdit* time_ = nullptr;
    QSpinBox* cpus_ = nullptr;
    QSpinBox* gpus_ = nullptr;
    QSpinBox* arrayLimit_ = nullptr;
    QLabel* problems_ = nullptr;
};

}  // namespace sb::ui
