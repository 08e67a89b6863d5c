// Chord selection: a preset or a chord chart typed bar by bar (ChordChartEdit: bad bars flagged
// as you type), transposition spelled for the new key, and number of choruses.
#pragma once

#include "StudioDocument.h"
#include "generate/Progression.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QSpinBox;

namespace jazz::ui {

class ChordChartEdit;

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
    ChordChartEdit* editor() const { return edit_; }
    QComboBox* presets() const { return preset_; }
    QSpinBox* transposition() const { return transpose_; }
    QLabel* message() const { return message_; }
    // Chooses a preset by its name ("blues-f"): its chart replaces the text, undoably.
    void choosePreset(const QString& name);
    bool isValid() const { return valid_; }
    void setText(const QString& text);
    // Picks a tune of a pasted iReal Pro playlist: its index in `titles`, or nullopt to cancel.
    // By default a list dialog; tests answer without one.
    using TunePicker =
        std::function<std::optional<int>(const QString& playlist, const QStringList& titles)>;
    void setTunePicker(TunePicker picker) { pickTune_ = std::move(picker); }

protected:
    void resizeEvent(QResizeEvent*) override;

private:
    void fitMessage();
    void validate();
    void loadFromDocument();
    bool convertIRealLink();
    StudioDocument* document_;
    QComboBox* preset_;
    ChordChartEdit* edit_;
    QLabel* message_;
    QSpinBox *transpose_, *choruses_;
    bool valid_ = false;
    TunePicker pickTune_;
    QString note_; // where the changes came from (an iReal Pro tune), shown while valid
    bool converting_ = false;
};

} // namespace jazz::ui
