// Chord selection: a preset or chord symbols typed bar by bar (invalid symbols flagged as you
// type), transposition and number of choruses.
#pragma once

#include "StudioDocument.h"
#include "generate/Progression.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace jazz::ui {

class ProgressionPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProgressionPanel(StudioDocument* document, QWidget* parent = nullptr);

    // The progression as typed, transposed and repeated; nullopt (and *error) if invalid.
    // "Corpus chords" uses the model's own chords.
    std::optional<generate::Progression> progression(QString* error) const;
    // What generating needs: the document's model and this progression. False with *error
    // ("Train or open a model first.", or why the chords are invalid) if either is missing.
    bool generationInputs(std::shared_ptr<const model::TrainedModel>* model,
                          generate::Progression* progression, QString* error) const;
    QLineEdit* editor() const { return edit_; }
    bool isValid() const { return valid_; }
    void setText(const QString& text);
    // Picks a tune of a pasted iReal Pro playlist: its index in `titles`, or nullopt to cancel.
    // By default a list dialog; tests answer without one.
    using TunePicker =
        std::function<std::optional<int>(const QString& playlist, const QStringList& titles)>;
    void setTunePicker(TunePicker picker) { pickTune_ = std::move(picker); }
    QLabel* message() const { return message_; }

private:
    void validate();
    void loadFromDocument();
    bool convertIRealLink();
    StudioDocument* document_;
    QComboBox* preset_;
    QLineEdit* edit_;
    QLabel* message_;
    QSpinBox *transpose_, *choruses_;
    bool valid_ = false;
    TunePicker pickTune_;
    QString note_; // where the changes came from (an iReal Pro tune), shown while valid
};

} // namespace jazz::ui
