#include "CorpusPanel.h"

#include "Error.h"
#include "corpus/Import.h"
#include "corpus/TextCorpus.h"
#include "grammar/Encoder.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace jazz::ui {

namespace {

std::string key(const session::CorpusEntry& e) {
    return e.path + "|" + e.melodyTrack + "|" + e.chordTrack;
}

corpus::ImportOptions options(const session::CorpusEntry& e) {
    corpus::ImportOptions o;
    o.melodyTrack = e.melodyTrack;
    o.chordTrack = e.chordTrack;
    o.windowStart = e.windowStart;
    o.windowEnd = e.windowEnd;
    return o;
}

} // namespace

QString CorpusPanel::musicianPitchNames(const QString& text) {
    // Core names pitches the music21 way ("E-5", "F#4"); a musician reads E♭5 and F♯4. Only a
    // letter with accidentals right before an octave digit is a pitch name.
    static const QRegularExpression pitch(R"(\b([A-G])(--|-|##|#)(\d))");
    QString out;
    int last = 0;
    for (auto it = pitch.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString acc = m.captured(2);
        const QString sign = acc.startsWith('-') ? QString(acc.size(), QChar(0x266D))
                                                 : QString(acc.size(), QChar(0x266F));
        out += text.mid(last, m.capturedStart() - last) + m.captured(1) + sign + m.captured(3);
        last = m.capturedEnd();
    }
    return out + text.mid(last);
}

CorpusPanel::CorpusPanel(StudioDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), tree_(new QTreeWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("<b>Corpus</b> — drop MIDI solos here"), this);
    layout->addWidget(title);
    tree_->setColumnCount(5);
    tree_->setHeaderLabels({tr("File"), tr("Melody"), tr("Chords"), tr("Measures"), tr("Values")});
    tree_->setRootIsDecorated(false);
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 5; ++c)
        tree_->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(tree_, 1);
    auto* buttons = new QHBoxLayout;
    add_ = new QPushButton(tr("Add…"), this);
    auto* add = add_;
    remove_ = new QPushButton(tr("Remove"), this);
    buttons->addWidget(add);
    buttons->addWidget(remove_);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &CorpusPanel::browse);
    connect(remove_, &QPushButton::clicked, this, [this] {
        const int row = tree_->indexOfTopLevelItem(tree_->currentItem());
        if (row >= 0)
            document_->removeCorpus(row);
    });
    // Queued: a track picker that changes the corpus must not be deleted inside its own signal.
    connect(document_, &StudioDocument::corpusChanged, this, &CorpusPanel::rebuild,
            Qt::QueuedConnection);
    // Training reads the corpus: while it runs, nothing in it changes.
    connect(document_, &StudioDocument::corpusLockChanged, this, [this](bool locked) {
        add_->setEnabled(!locked);
        remove_->setEnabled(!locked && tree_->topLevelItemCount() > 0);
        for (auto* combo : tree_->findChildren<QComboBox*>())
            combo->setEnabled(!locked);
        tree_->setToolTip(locked ? tr("The corpus is locked while training runs.") : QString());
    });
    rebuild();
}

int CorpusPanel::fileCount() const { return tree_->topLevelItemCount(); }

bool CorpusPanel::addFile(const QString& path, QString* error) {
    if (document_->isCorpusLocked()) {
        if (error)
            *error = tr("%1: not added, the corpus is locked while training runs.").arg(path);
        return false;
    }
    session::CorpusEntry e;
    // Bundled files live in the program's resources (":/corpus/..."): keep their paths as is.
    e.path = path.startsWith(":/") ? path.toStdString() : QFileInfo(path).absoluteFilePath().toStdString();
    try {
        cache_[key(e)] = corpus::loadLeadSheets(e.path, options(e));
    } catch (const Error& ex) {
        if (error)
            *error = QString::fromStdString(ex.what());
        return false;
    }
    document_->addCorpus(e);
    return true;
}

void CorpusPanel::browse() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Add MIDI solos"), QString(),
        tr("MIDI files and corpus texts (*.mid *.midi *.txt);;All files (*)"));
    for (const QString& f : files) {
        QString error;
        if (!addFile(f, &error))
            Q_EMIT errorOccurred(error);
    }
}

void CorpusPanel::rebuild() {
    // The views delete old track pickers later (deleteLater): hide them now, or they stay
    // drawn over the rows that moved up after a Remove.
    for (auto* combo : tree_->findChildren<QComboBox*>()) {
        combo->hide();
        combo->deleteLater();
    }
    tree_->clear();
    const auto& entries = document_->session().corpus;
    for (size_t i = 0; i < entries.size(); ++i) {
        const session::CorpusEntry e = entries[i];
        auto* item = new QTreeWidgetItem(tree_);
        const QString shown = QFileInfo(QString::fromStdString(e.path)).fileName();
        item->setText(0, e.path.rfind(":/", 0) == 0 ? tr("%1 (bundled)").arg(shown) : shown);
        item->setToolTip(0, QString::fromStdString(e.path));
        auto it = cache_.find(key(e));
        if (it == cache_.end()) {
            try {
                it = cache_.emplace(key(e), corpus::loadLeadSheets(e.path, options(e))).first;
            } catch (const Error& ex) {
                item->setText(1, tr("unreadable"));
                item->setToolTip(1, QString::fromStdString(ex.what()));
                continue;
            }
        }
        size_t values = 0, measures = 0;
        for (const auto& sheet : it->second) {
            for (const auto& m : grammar::encode(sheet))
                values += m.size();
            measures += sheet.measures.size();
        }
        item->setText(3, QString::number(measures));
        item->setText(4, QString::number(values));
        if (corpus::isTextCorpus(e.path)) {
            item->setText(1, tr("%n tune(s)", nullptr, int(it->second.size())));
            item->setText(2, tr("as written"));
            continue;
        }
        const corpus::LeadSheet& sheet = it->second.front();
        // Track pickers: every track with notes; the current choice selected.
        for (int role = 0; role < 2; ++role) {
            auto* combo = new QComboBox(tree_);
            const int chosen = role == 0 ? sheet.melodyTrack : sheet.chordTrack;
            for (const auto& t : sheet.tracks)
                if (t.notes > 0 && !t.drums)
                    combo->addItem(QString("%1 %2").arg(t.index).arg(QString::fromStdString(t.name)),
                                   t.index);
            combo->setCurrentIndex(combo->findData(chosen));
            combo->setToolTip(musicianPitchNames(
                QString::fromStdString(role == 0 ? sheet.melodyReason : sheet.chordReason)));
            combo->setEnabled(!document_->isCorpusLocked());
            tree_->setItemWidget(item, role + 1, combo);
            connect(combo, &QComboBox::activated, this, [this, i, role, combo](int) {
                auto entry = document_->session().corpus.at(i);
                (role == 0 ? entry.melodyTrack : entry.chordTrack) =
                    std::to_string(combo->currentData().toInt());
                try {
                    cache_[key(entry)] = corpus::loadLeadSheets(entry.path, options(entry));
                } catch (const Error& ex) {
                    Q_EMIT errorOccurred(QString::fromStdString(ex.what()));
                    rebuild();
                    return;
                }
                document_->setCorpus(int(i), entry);
            });
        }
    }
    remove_->setEnabled(!entries.empty() && !document_->isCorpusLocked());
    add_->setEnabled(!document_->isCorpusLocked());
    tree_->doItemsLayout(); // rows and their pickers placed now, not at the next click
}

} // namespace jazz::ui
