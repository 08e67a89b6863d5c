#include "ProgressionPanel.h"

#include "Error.h"
#include "generate/Generator.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace jazz::ui {

namespace {
const char* kCorpusChords = "corpus";
}

ProgressionPanel::ProgressionPanel(StudioDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Chords</b>"), this));
    auto* form = new QFormLayout;
    preset_ = new QComboBox(this);
    preset_->addItem(tr("Typed below"), QString());
    preset_->addItem(tr("Blues in F"), "blues-f");
    preset_->addItem(tr("Blues in Bb"), "blues-bb");
    preset_->addItem(tr("Minor blues"), "minor-blues");
    for (const char* key : {"C", "F", "Bb", "Eb", "G", "D"})
        preset_->addItem(tr("ii-V-I in %1").arg(key), QString("ii-v-i-%1").arg(key).toLower());
    preset_->addItem(tr("Rhythm changes, A section"), "rhythm-a");
    preset_->addItem(tr("The corpus's own chords"), kCorpusChords);
    edit_ = new QLineEdit(this);
    edit_->setPlaceholderText("| Dm7 G7 | Cmaj7 | % |");
    message_ = new QLabel(this);
    message_->setWordWrap(true);
    transpose_ = new QSpinBox(this);
    transpose_->setRange(-11, 11);
    transpose_->setSuffix(tr(" semitones"));
    choruses_ = new QSpinBox(this);
    choruses_->setRange(1, 100);
    form->addRow(tr("Preset"), preset_);
    form->addRow(tr("Bars"), edit_);
    form->addRow(QString(), message_);
    form->addRow(tr("Transpose"), transpose_);
    form->addRow(tr("Choruses"), choruses_);
    layout->addLayout(form);

    connect(preset_, &QComboBox::activated, this, [this] {
        const QString name = preset_->currentData().toString();
        if (name.isEmpty() || name == kCorpusChords) {
            validate();
            return;
        }
        edit_->setText(QString::fromStdString(generate::Progression::presetText(name.toStdString())));
    });
    connect(edit_, &QLineEdit::textEdited, this, [this] {
        preset_->setCurrentIndex(0);
        validate();
    });
    connect(edit_, &QLineEdit::textChanged, this, &ProgressionPanel::validate);
    connect(transpose_, &QSpinBox::valueChanged, this, &ProgressionPanel::validate);
    connect(choruses_, &QSpinBox::valueChanged, this, &ProgressionPanel::validate);
    connect(document_, &StudioDocument::corpusChanged, this, &ProgressionPanel::loadFromDocument);
    loadFromDocument();
}

void ProgressionPanel::loadFromDocument() {
    const auto& s = document_->session();
    if (edit_->text().toStdString() == s.progressionText && transpose_->value() == s.transpose &&
        choruses_->value() == s.choruses)
        return;
    QSignalBlocker a(edit_), b(transpose_), c(choruses_);
    edit_->setText(QString::fromStdString(s.progressionText));
    transpose_->setValue(s.transpose);
    choruses_->setValue(s.choruses);
    validate();
}

void ProgressionPanel::setText(const QString& text) {
    preset_->setCurrentIndex(0);
    edit_->setText(text);
}

std::optional<generate::Progression> ProgressionPanel::progression(QString* error) const {
    try {
        generate::Progression p;
        if (preset_->currentData().toString() == kCorpusChords) {
            const auto m = document_->model();
            if (!m)
                throw Error("train or open a model first: its corpus chords are the progression");
            p = generate::corpusProgression(*m);
        } else {
            p = generate::Progression::parse(edit_->text().toStdString());
        }
        if (transpose_->value() != 0)
            p = p.transposed(transpose_->value());
        return p.repeated(choruses_->value());
    } catch (const Error& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return std::nullopt;
    }
}

void ProgressionPanel::validate() {
    QString error;
    const bool corpus = preset_->currentData().toString() == kCorpusChords;
    valid_ = corpus || progression(&error).has_value();
    edit_->setEnabled(!corpus);
    // Flag an invalid symbol as you type: red field, the reason beneath and as tooltip.
    edit_->setStyleSheet(valid_ ? QString() : "QLineEdit { background: #ffd6d6; }");
    edit_->setToolTip(error);
    edit_->setProperty("invalid", !valid_);
    message_->setText(valid_ ? QString() : error);
    if (valid_ && !corpus)
        document_->setProgression(edit_->text().toStdString(), transpose_->value(),
                                  choruses_->value());
}

bool ProgressionPanel::generationInputs(std::shared_ptr<const model::TrainedModel>* model,
                                        generate::Progression* progression, QString* error) const {
    *model = document_->model();
    if (!*model) {
        *error = tr("Train or open a model first.");
        return false;
    }
    auto prog = this->progression(error);
    if (!prog)
        return false;
    *progression = std::move(*prog);
    return true;
}

} // namespace jazz::ui
