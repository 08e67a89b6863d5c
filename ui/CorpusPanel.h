// The MIDI files to learn from: per file the tracks found, which are melody and chords
// (changeable), measures and values. Files come from a dialog or a drop, by the same path.
#pragma once

#include "StudioDocument.h"
#include "corpus/LeadSheet.h"

#include <QWidget>

#include <map>

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
    QPushButton* removeButton() const { return remove_; }
    // "mean pitch E-5" -> "mean pitch E♭5": pitch names as musicians write them.
    static QString musicianPitchNames(const QString& text);

Q_SIGNALS:
    void errorOccurred(const QString& message);

private:
    void rebuild();
    void browse();
    StudioDocument* document_;
    QTreeWidget* tree_;
    QPushButton* remove_;
    QPushButton* add_;
    std::map<std::string, std::vector<corpus::LeadSheet>> cache_; // by path + track choice
};

} // namespace jazz::ui
