// The MIDI files to learn from: per file the tracks found, which are melody and chords
// (changeable), measures and values. Files come from a dialog or a drop, by the same path;
// folders (searched recursively) are read on a worker thread with a progress bar, and the
// files that cannot be used are reported together, with their reasons.
#pragma once

#include "StudioDocument.h"
#include "corpus/LeadSheet.h"

#include <QWidget>

#include <atomic>
#include <map>
#include <memory>
#include <functional>
#include <map>
#include <optional>

class QAction;
class QProgressBar;
class QThread;
class QTreeWidget;
class QPushButton;

namespace jazz::ui {

class CorpusPanel : public QWidget {
    Q_OBJECT
public:
    explicit CorpusPanel(StudioDocument* document, QWidget* parent = nullptr);

    // Imports the file; on success adds it to the session. On failure returns false with the
    // error in words (which names the file) and adds nothing.
    bool addFile(const QString& path, QString* error);
    // Reads every corpus file under the folder on a worker thread and adds the usable ones in
    // one step; importFinished() follows. Returns false if an import is already running.
    bool addFolder(const QString& path);
    bool isImporting() const { return importer_ != nullptr; }
    int fileCount() const;
    QTreeWidget* tree() const { return tree_; }
    QProgressBar* importProgress() const { return progress_; }
    ~CorpusPanel() override;
    // Asked for the changes of a file that has a melody but no chords (`why` says so): the
    // bar text, or nullopt to leave the file out. By default a multi-line text dialog; tests
    // answer without one.
    using ChangesAsker =
        std::function<std::optional<QString>(const QString& path, const QString& why)>;
    void setChangesAsker(ChangesAsker asker) { askChanges_ = std::move(asker); }
    QPushButton* removeButton() const { return remove_; }
    // "mean pitch E-5" -> "mean pitch E♭5": pitch names as musicians write them.
    static QString musicianPitchNames(const QString& text);

Q_SIGNALS:
    void errorOccurred(const QString& message);
    void importFinished(int added, int skipped);

private:
    struct Loaded {
        std::vector<corpus::LeadSheet> sheets;
        size_t values = 0, measures = 0;
    };
    static Loaded load(const session::CorpusEntry& e);
    void rebuild();
    void browse();
    void browseFolder();
    StudioDocument* document_;
    QTreeWidget* tree_;
    QPushButton* remove_;
    QPushButton* add_;
    QAction* addFolder_;
    QProgressBar* progress_;
    QThread* importer_ = nullptr;
    std::atomic<bool> cancelImport_{false};
    std::map<std::string, Loaded> cache_; // by path + track choice
    ChangesAsker askChanges_;
};

} // namespace jazz::ui
