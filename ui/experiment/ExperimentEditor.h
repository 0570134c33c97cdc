#pragma once
// The Experiment view: a form over the experiment file. General settings, the dataset
// and its subset, the teachers (add, remove, every setting of the selected one), which
// teachers the ensemble averages, the student (TF-SepNet size, training recipe, KD T and
// λ, augmentations). Every field is validated as typed with the message next to it, and
// every edit is an undo step (ExperimentDocument). A problem list names every issue;
// clicking one goes to its field. GUI thread only.
#include "core/experiment/ExperimentConfig.h"

#include <QWidget>

#include <functional>

class QFormLayout;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QVBoxLayout;

namespace sb::ui {

class ExperimentDocument;
class FieldBinder;

class ExperimentEditor : public QWidget {
    Q_OBJECT
public:
    explicit ExperimentEditor(ExperimentDocument* document, QWidget* parent = nullptr);

    ExperimentDocument* document() const { return document_; }
    FieldBinder* binder() const { return binder_; }

    void selectTeacher(int index);
    int selectedTeacher() const;
    // Adds a teacher with the paper's recipe for `variant` (ssl_frozen, ssl, ssl_sl).
    void addTeacher(const QString& variant);
    void removeSelectedTeacher();
    // Moves the focus to the editor of `field` ("teachers[1].epochs"), selecting its teacher.
    bool focusField(const QString& field);

    // A file that could not be opened: what was wrong, shown above the form until the
    // next file opens or the user closes it.
    void showOpenProblems(const QString& file, const std::vector<sb::FieldIssue>& issues);
    QString openProblemsText() const;
    // Shows `banner` (a message bar, e.g. the recovery offer) above the form; the caller
    // says what it holds and when it is visible.
    void insertBanner(QWidget* banner);
    QListWidget* problemList() const { return problems_; }
    QListWidget* teacherList() const { return teachers_; }

private:
    template <class T>
    using Access = std::function<T&(sb::ExperimentConfig&)>;
    struct ScheduleRows {
        QFormLayout* form;
        Access<sb::ScheduleConfig> access;
        QWidget *warmup, *decay, *finalFactor, *t0, *tMult;
    };
    QWidget* buildGeneral();
    QWidget* buildDataset();
    QWidget* buildTeachers();
    QWidget* buildEnsemble();
    QWidget* buildStudent();
    void addTraining(QFormLayout* form, const QString& prefix, Access<int> epochs, Access<int> batch,
                     Access<int> epochClips, Access<sb::OptimizerConfig> optimizer, Access<sb::ScheduleConfig> schedule,
                     Access<sb::AugmentConfig> augment);
    QWidget* pathRow(QWidget* field, const QString& name, const QString& tip);
    void refresh();
    void refreshTeachers();
    void refreshEnsemble();
    void refreshProblems();
    void ensembleToggled(QListWidgetItem* item);

    ExperimentDocument* document_;
    FieldBinder* binder_;
    QLabel* title_;
    QLabel* openProblems_;
    QVBoxLayout* layout_ = nullptr;
    QFormLayout* datasetForm_ = nullptr;
    QWidget* datasetSplit_ = nullptr;
    QWidget* datasetPercent_ = nullptr;
    QWidget* datasetSeed_ = nullptr;
    QWidget* datasetPath_ = nullptr;
    QVector<ScheduleRows> schedules_;
    QListWidget* teachers_ = nullptr;
    QPushButton* removeTeacher_ = nullptr;
    QWidget* teacherForm_ = nullptr;
    QListWidget* ensemble_ = nullptr;
    QListWidget* problems_ = nullptr;
    QLabel* status_ = nullptr;
};

}  // namespace sb::ui
