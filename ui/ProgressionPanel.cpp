#include "ProgressionPanel.h"

#include "ChordChartEdit.h"
#include "Error.h"
#include "chart/IRealPro.h"
#include "generate/Generator.h"
#include "generate/KeySpelling.h"

#include <QComboBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cstdlib>

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
    edit_ = new ChordChartEdit(this);
    edit_->setObjectName("chordChart");
    edit_->setPlaceholderText(tr("| Dm7 G7 | Cmaj7 | % |  or paste an irealb:// link"));
    pickTune_ = [this](const QString& playlist, const QStringList& titles) -> std::optional<int> {
        bool ok = false;
        const QString t =
            QInputDialog::getItem(this, tr("iReal Pro playlist"),
                                  tr("Tune from \"%1\":").arg(playlist), titles, 0, false, &ok);
        return ok ? std::optional<int>(int(titles.indexOf(t))) : std::nullopt;
    };
    // The reasons a bar is wrong, under the chart at the pane's full width, wrapped.
    message_ = new QLabel(this);
    message_->setObjectName("chordMessage");
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message_->setStyleSheet("QLabel { color: #b00020; }");
    transpose_ = new QSpinBox(this);
    transpose_->setRange(-11, 11);
    transpose_->setSuffix(tr(" semitones"));
    choruses_ = new QSpinBox(this);
    choruses_->setRange(1, 100);
    form->addRow(tr("Preset"), preset_);
    layout->addLayout(form);
    layout->addWidget(edit_, 1);
    layout->addWidget(message_);
    auto* form2 = new QFormLayout;
    form2->addRow(tr("Transpose"), transpose_);
    form2->addRow(tr("Choruses"), choruses_);
    layout->addLayout(form2);

    connect(preset_, &QComboBox::activated, this, [this] {
        const QString name = preset_->currentData().toString();
        if (name.isEmpty() || name == kCorpusChords) {
            validate();
            return;
        }
        choosePreset(name);
    });
    // Typing (or undoing a preset) makes the chart "typed" again unless it is the preset's.
    connect(edit_, &ChordChartEdit::checked, this, [this] {
        if (!converting_)
            note_.clear(); // the changes are no longer the iReal tune's as it came
        if (convertIRealLink())
            return;
        const QString name = preset_->currentData().toString();
        if (!name.isEmpty() && name != kCorpusChords &&
            edit_->text() != ChordChartEdit::layOut(QString::fromStdString(
                                 generate::Progression::presetText(name.toStdString()))))
            preset_->setCurrentIndex(0);
        validate();
    });
    connect(transpose_, &QSpinBox::valueChanged, this, [this](int v) {
        transpose_->setSuffix(std::abs(v) == 1 ? tr(" semitone") : tr(" semitones"));
    });
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
    {
        QSignalBlocker b(transpose_), c(choruses_);
        transpose_->setValue(s.transpose);
        transpose_->setSuffix(std::abs(s.transpose) == 1 ? tr(" semitone") : tr(" semitones"));
        choruses_->setValue(s.choruses);
    }
    // Not blocked: the chart checks itself. A new document's text, so no undo across sessions.
    edit_->setPlainText(QString::fromStdString(s.progressionText));
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
    const std::string text = edit_->text().trimmed().toStdString();
    if (!chart::isIRealLink(text))
        return false;
    auto refuse = [this](const QString& why) {
        valid_ = false;
        edit_->setProperty("invalid", true);
        message_->setStyleSheet("QLabel { color: #b00020; }");
        message_->setText(why);
        message_->setToolTip(why);
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
        converting_ = true; // the text change below keeps the note
        edit_->setText(ChordChartEdit::layOut(QString::fromStdString(tune.chordText())));
        converting_ = false;
    } catch (const Error& e) {
        refuse(QString::fromStdString(e.what()));
    }
    return true;
}

void ProgressionPanel::choosePreset(const QString& name) {
    const int i = preset_->findData(name);
    if (i < 0)
        return;
    preset_->setCurrentIndex(i);
    if (name == kCorpusChords) {
        validate();
        return;
    }
    // One undoable edit: Ctrl+Z in the chart brings back what was there.
    edit_->setText(ChordChartEdit::layOut(
        QString::fromStdString(generate::Progression::presetText(name.toStdString()))));
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
    const auto p = corpus ? std::nullopt : progression(&error);
    valid_ = corpus || p.has_value();
    edit_->setEnabled(!corpus);
    edit_->setToolTip(error.isEmpty() ? QString() : error);
    edit_->setProperty("invalid", !valid_);
    // Every bad bar, one a line; the bar count so a shifted form shows at once.
    QStringList lines = edit_->barErrors();
    if (lines.isEmpty() && !valid_)
        lines << error;
    QString info;
    if (valid_ && !corpus && p) {
        const int bars = int(p->bars.size()) / std::max(1, choruses_->value());
        info = bars == 1 ? tr("1 bar") : tr("%1 bars").arg(bars);
        if (transpose_->value() != 0) {
            const auto plain = generate::Progression::parse(edit_->text().toStdString());
            info += tr(", in %1").arg(QString::fromStdString(
                generate::KeyTransposition(plain, transpose_->value()).targetKeyName()));
        }
    }
    message_->setStyleSheet(valid_ ? "QLabel { color: palette(text); }"
                                   : "QLabel { color: #b00020; }");
    // At most three reasons shown (a 32-bar chart full of typos must not grow the window); all
    // of them in the tooltip.
    QStringList shown = lines.mid(0, 3);
    if (lines.size() > 3)
        shown << tr("… and %1 more bars (hover to see all)").arg(lines.size() - 3);
    message_->setText(valid_ ? (note_.isEmpty() ? info : note_ + " " + info) : shown.join('\n'));
    message_->setToolTip(valid_ ? QString() : lines.join('\n'));
    fitMessage();
    if (valid_ && !corpus)
        document_->setProgression(edit_->text().toStdString(), transpose_->value(),
                                  choruses_->value());
}

// The reasons under the chart are never clipped: the label claims the height its wrapped text
// needs at its width, and the chart (which scrolls) gives way.
void ProgressionPanel::fitMessage() {
    const int w = message_->width() > 0 ? message_->width() : width();
    message_->setMinimumHeight(message_->text().isEmpty() ? 0 : message_->heightForWidth(w));
}

void ProgressionPanel::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    fitMessage();
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
