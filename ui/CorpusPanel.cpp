#include "CorpusPanel.h"

#include "Error.h"
#include "chart/ChordChart.h"
#include "corpus/Import.h"
#include "corpus/TextCorpus.h"
#include "dataset/Collection.h"
#include "grammar/Encoder.h"

#include <QMenu>
#include <QProgressBar>
#include <QThread>

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace jazz::ui {

namespace {

std::string key(const session::CorpusEntry& e) {
    return e.path + "|" + e.melodyTrack + "|" + e.chordTrack + "|" + e.chords;
}

corpus::ImportOptions options(const session::CorpusEntry& e) { return e.importOptions(); }

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
    askChanges_ = [this](const QString& path, const QString& why) -> std::optional<QString> {
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(
            this, tr("Changes for %1").arg(QFileInfo(path).fileName()),
            tr("%1\n\nType its changes bar by bar (| Dm7 G7 | Cmaj7 |, a new line also ends a "
               "bar, # starts a comment), one bar for each bar of the melody:")
                .arg(why),
            QString(), &ok);
        return ok && !text.trimmed().isEmpty() ? std::optional<QString>(text) : std::nullopt;
    };
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
    // One Add button with a menu: files, or a whole folder (three buttons would widen the
    // corpus pane past what a 1024-pixel window can give it).
    add_ = new QPushButton(tr("Add"), this);
    auto* addMenu = new QMenu(add_);
    auto* addFiles = addMenu->addAction(tr("Files…"));
    addFolder_ = addMenu->addAction(tr("Folder…"));
    addFolder_->setToolTip(tr("Every MIDI file, MusicXML lead sheet and corpus text in a folder "
                              "and its subfolders; files that cannot be used are listed with "
                              "the reason"));
    addMenu->setToolTipsVisible(true);
    add_->setMenu(addMenu);
    remove_ = new QPushButton(tr("Remove"), this);
    buttons->addWidget(add_);
    buttons->addWidget(remove_);
    buttons->addStretch();
    layout->addLayout(buttons);
    progress_ = new QProgressBar(this);
    progress_->setFormat(tr("reading %v of %m files"));
    progress_->hide();
    layout->addWidget(progress_);
    connect(addFiles, &QAction::triggered, this, &CorpusPanel::browse);
    connect(addFolder_, &QAction::triggered, this, &CorpusPanel::browseFolder);
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
        addFolder_->setEnabled(!locked && !importer_);
        remove_->setEnabled(!locked && tree_->topLevelItemCount() > 0);
        for (auto* combo : tree_->findChildren<QComboBox*>())
            combo->setEnabled(!locked);
        tree_->setToolTip(locked ? tr("The corpus is locked while training runs.") : QString());
    });
    rebuild();
}

CorpusPanel::~CorpusPanel() {
    if (importer_) { // closing the window mid-import: stop between files, then leave
        cancelImport_ = true;
        importer_->wait();
    }
}

CorpusPanel::Loaded CorpusPanel::load(const session::CorpusEntry& e) {
    Loaded l;
    l.sheets = corpus::loadLeadSheets(e.path, options(e));
    for (const auto& sheet : l.sheets) {
        for (const auto& m : grammar::encode(sheet))
            l.values += m.size();
        l.measures += sheet.measures.size();
    }
    return l;
}

bool CorpusPanel::addFolder(const QString& path) {
    if (importer_)
        return false;
    if (document_->isCorpusLocked()) {
        Q_EMIT errorOccurred(
            tr("%1: not added, the corpus is locked while training runs.").arg(path));
        return true; // said once, here
    }
    cancelImport_ = false;
    addFolder_->setEnabled(false);
    progress_->setRange(0, 0);
    progress_->show();
    const std::string folder = QFileInfo(path).absoluteFilePath().toStdString();
    importer_ = QThread::create([this, folder] {
        std::vector<dataset::SkippedFile> skipped;
        const auto files = dataset::collectCorpusFiles({folder}, &skipped);
        QMetaObject::invokeMethod(this, [this, n = int(files.size())] { progress_->setRange(0, n); },
                                  Qt::QueuedConnection);
        auto loaded = std::make_shared<std::vector<std::pair<session::CorpusEntry, Loaded>>>();
        for (size_t i = 0; i < files.size() && !cancelImport_; ++i) {
            session::CorpusEntry e;
            e.path = files[i];
            try {
                Loaded l = load(e);
                if (l.values == 0)
                    throw Error(e.path + ": no melody values to learn from");
                loaded->push_back({e, std::move(l)});
            } catch (const std::exception& ex) {
                skipped.push_back({e.path, dataset::skipReason(ex.what(), e.path)});
            }
            if (i % 8 == 7 || i + 1 == files.size())
                QMetaObject::invokeMethod(this, [this, d = int(i + 1)] { progress_->setValue(d); },
                                          Qt::QueuedConnection);
        }
        QMetaObject::invokeMethod(
            this,
            [this, loaded, skipped, folder] {
                importer_->wait();
                importer_->deleteLater();
                importer_ = nullptr;
                progress_->hide();
                addFolder_->setEnabled(!document_->isCorpusLocked());
                std::vector<session::CorpusEntry> entries;
                for (auto& [e, l] : *loaded) {
                    cache_[key(e)] = std::move(l);
                    entries.push_back(e);
                }
                document_->addCorpus(entries);
                if (entries.empty() && skipped.empty())
                    Q_EMIT errorOccurred(tr("No MIDI files or corpus texts in %1")
                                             .arg(QString::fromStdString(folder)));
                else if (!skipped.empty()) {
                    QString text = tr("Added %n file(s) from %1; ", nullptr, int(entries.size()))
                                       .arg(QString::fromStdString(folder)) +
                                   tr("skipped %n that cannot be used:", nullptr, int(skipped.size()));
                    for (const auto& sk : skipped)
                        text += "\n" + QString::fromStdString(sk.file) + ": " +
                                QString::fromStdString(sk.reason);
                    Q_EMIT errorOccurred(text);
                }
                Q_EMIT importFinished(int(entries.size()), int(skipped.size()));
            },
            Qt::QueuedConnection);
    });
    importer_->start();
    return true;
}

void CorpusPanel::browseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a folder of solos"));
    if (!dir.isEmpty())
        addFolder(dir);
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
        try {
            cache_[key(e)] = load(e);
        } catch (const corpus::NoChordsError& noChords) {
            // A melody with no chords: ask for its changes instead of refusing the file.
            const auto text = askChanges_
                                  ? askChanges_(path, QString::fromStdString(noChords.what()))
                                  : std::nullopt;
            if (!text)
                throw;
            e.chords = chart::parseChordChart(text->toStdString(), "the changes given");
            cache_[key(e)] = load(e);
        }
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
        tr("MIDI, MusicXML and corpus texts (*.mid *.midi *.musicxml *.xml *.mxl *.txt);;"
           "All files (*)"));
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
                it = cache_.emplace(key(e), load(e)).first;
            } catch (const Error& ex) {
                item->setText(1, tr("unreadable"));
                item->setToolTip(1, QString::fromStdString(ex.what()));
                continue;
            }
        }
        item->setText(3, QString::number(it->second.measures));
        item->setText(4, QString::number(it->second.values));
        if (corpus::isTextCorpus(e.path)) {
            item->setText(1, tr("%n tune(s)", nullptr, int(it->second.sheets.size())));
            item->setText(2, tr("as written"));
            continue;
        }
        const corpus::LeadSheet& sheet = it->second.sheets.front();
        // Track pickers: every track with notes; the current choice selected.
        if (!e.chords.empty()) {
            item->setText(2, tr("given: %1").arg(QString::fromStdString(e.chords)));
            item->setToolTip(2, QString::fromStdString(e.chords));
        }
        for (int role = 0; role < (e.chords.empty() ? 2 : 1); ++role) {
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
                    cache_[key(entry)] = load(entry);
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
    addFolder_->setEnabled(!document_->isCorpusLocked() && !importer_);
    tree_->doItemsLayout(); // rows and their pickers placed now, not at the next click
}

} // namespace jazz::ui
