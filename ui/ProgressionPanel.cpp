#include "ProgressionPanel.h"

#include "Error.h"
#include "chart/IRealPro.h"
#include "generate/Generator.h"

#include <QComboBox>
#include <QFormLayout>
#include <QInputDialog>
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
    edit_->setPlaceholderText("| Dm7 G7 | Cmaj7 | % |  or paste an irealb:// link");
    edit_->setMaxLength(8 << 20); // an iReal Pro playlist link can be long
    pickTune_ = [this](const QString& playlist, const QStringList& titles) -> std::optional<int> {
        bool ok = false;
        const QString t =
            QInputDialog::getItem(this, tr("iReal Pro playlist"),
                                  tr("Tune from \"%1\":").arg(playlist), titles, 0, false, &ok);
        return ok ? std::optional<int>(int(titles.indexOf(t))) : std::nullopt;
    };
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
        note_.clear();
        if (!convertIRealLink())
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

// A pasted iReal Pro link becomes its tune's changes (a playlist: the tune picked from a list).
// The field plays 4/4 bars, so a tune in another meter is refused with the reason rather than
// squeezed. Returns true when the link was handled (converted, cancelled or refused).
bool ProgressionPanel::convertIRealLink() {
    const std::string text = edit_->text().toStdString();
    if (!chart::isIRealLink(text))
        return false;
    auto refuse = [this](const QString& why) {
        valid_ = false;
        edit_->setStyleSheet("QLineEdit { background: #ffd6d6; }");
        edit_->setToolTip(why);
        edit_->setProperty("invalid", true);
        message_->setText(why);
    };
    try {
        const chart::IRealPlaylist list = chart::decodeIRealLink(text);
        int index = 0;
        if (list.tunes.size() > 1) {
            QStringList titles;
            for (const auto& t : list.tunes)
                titles << QString::fromStdString(t.title);
            const auto picked =
                pickTune_ ? pickTune_(QString::fromStdString(list.name), titles) : std::nullopt;
            if (!picked || *picked < 0 || *picked >= titles.size()) {
                refuse(tr("No tune picked from the iReal Pro playlist."));
                return true;
            }
            index = *picked;
        }
        const chart::IRealTune& tune = list.tunes[size_t(index)];
        if (tune.beatsPerBar != 4) {
            refuse(tr("\"%1\" is in %2/%3; the Chords field plays 4/4 bars (jazz-studio generate "
                      "--chords-from plays other meters).")
                       .arg(QString::fromStdString(tune.title))
                       .arg(tune.timeNumerator)
                       .arg(tune.timeDenominator));
            return true;
        }
        note_ = tr("From iReal Pro: \"%1\" (%2, key %3), %4 bars.")
                    .arg(QString::fromStdString(tune.title), QString::fromStdString(tune.style),
                         QString::fromStdString(tune.key))
                    .arg(tune.bars.size());
        edit_->setText(QString::fromStdString(tune.chordText())); // validates
    } catch (const Error& e) {
        refuse(QString::fromStdString(e.what()));
    }
    return true;
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
    // An iReal Pro link left in the field was refused by convertIRealLink, which said why.
    if (chart::isIRealLink(edit_->text().toStdString()) && !valid_)
        return;
    QString error;
    const bool corpus = preset_->currentData().toString() == kCorpusChords;
    valid_ = corpus || progression(&error).has_value();
    edit_->setEnabled(!corpus);
    // Flag an invalid symbol as you type: red field, the reason beneath and as tooltip.
    edit_->setStyleSheet(valid_ ? QString() : "QLineEdit { background: #ffd6d6; }");
    edit_->setToolTip(error);
    edit_->setProperty("invalid", !valid_);
    message_->setText(valid_ ? note_ : error);
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
