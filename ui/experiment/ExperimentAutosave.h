#pragma once
// Autosave and crash recovery for the experiment being edited, as editors do it. While
// the document differs from its file, its configuration is written to a recovery file
// (RecoveryFile) a short time after each change; saving, undoing back to the file,
// switching to another document or closing cleanly removes it. Each window writes its own
// file and holds a lock beside it (QLockFile: flock, released by the kernel when the
// process dies, even by SIGKILL), so a file whose lock is free was left by a window that
// crashed or was killed. When a document becomes the edited one, such files of it that
// differ from its file on disk are offered, newest first: recover() applies one as a
// single undoable edit, discardOffer() deletes it, and an unanswered offer stays for the
// next start. A file that cannot be read is renamed aside and reported, never deleted.
// GUI thread only.
#include "ui/experiment/RecoveryFile.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QLockFile;

namespace sb::ui {

class ExperimentDocument;

class ExperimentAutosave : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultDelayMs = 2000;

    // projectFolder names the open project (empty: none): an untitled experiment's
    // recovery files belong to it.
    ExperimentAutosave(ExperimentDocument* document, std::function<QString()> projectFolder, QObject* parent = nullptr);
    // The window's life ended without a crash: its recovery file goes.
    ~ExperimentAutosave() override;

    // How long after the last change the recovery file is written.
    void setDelay(int ms) { timer_.setInterval(ms); }
    int delay() const { return timer_.interval(); }
    // This window's recovery file while the document is modified and it has been written.
    QString file() const { return own_; }

    // Recovery files of the edited document left by dead processes, newest first.
    const RecoveryFile* offer() const { return offers_.empty() ? nullptr : &offers_.front().file; }
    int offerCount() const { return int(offers_.size()); }
    // Applies the first offer as one undoable edit (modified, not saved) and deletes its
    // file once this window's own recovery file holds it. False when there is none.
    bool recover();
    // Deletes the first offer's file. False when there is none.
    bool discardOffer();

    // The edited document changed, or which one it is (its file, the project) may have:
    // a new document ends the last one's autosave and looks for its recovery files.
    void documentChanged();
    // The window closed with its changes saved or discarded: the recovery file goes; the
    // offers not answered stay for the next start.
    void windowClosed();

signals:
    void offersChanged();
    void written(const QString& file);
    // A recovery file could not be written, or one found could not be read (kept aside).
    void problem(const QString& message);

private:
    struct Offer {
        RecoveryFile file;
        std::unique_ptr<QLockFile> lock;  // held while offered: no other window offers it too
    };
    bool writeNow();
    bool takeOwnFile();
    void removeOwn();
    void findOffers();
    void setAside(const QString& path, const QString& error);

    ExperimentDocument* document_;
    std::function<QString()> projectFolder_;
    QTimer timer_;
    bool identified_ = false;  // file_/project_ name a document
    QString file_, project_;   // the document: its file, or (untitled) its project
    QString own_;
    std::unique_ptr<QLockFile> ownLock_;
    QString lastProblem_;  // reported once, not at every autosave
    std::vector<Offer> offers_;
};

}  // namespace sb::ui
