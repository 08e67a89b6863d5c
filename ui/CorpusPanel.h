// The MIDI files to learn from: per file the tracks found, which are melody and chords
// (changeable), measures and values. Files come from a dialog or a drop, by the same path.
#pragma once

#include "StudioDocument.h"
#include "corpus/LeadSheet.h"

#include <QWidget>

#include <functional>
#include <map>
#include <optional>

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
    int fileCount() const;
    QTreeWidget* tree() const { return tree_; }
    // Asked for the changes of a file that has a melody but no chords (`why` says so): the
    // bar text, or nullopt to leave the file out. By default a multi-line text dialog; tests
    // answer without one.
    using ChangesAsker =
        std::function<std::optional<QString>(const QString& path, const QString& why)>;
    void setChangesAsker(ChangesAsker asker) { askChanges_ = std::move(asker); }

Q_SIGNALS:
    void errorOccurred(const QString& message);

private:
    void rebuild();
    void browse();
    StudioDocument* document_;
    QTreeWidget* tree_;
    QPushButton* remove_;
    std::map<std::string, std::vector<corpus::LeadSheet>> cache_; // by path + track choice
    ChangesAsker askChanges_;
};

} // namespace jazz::ui
