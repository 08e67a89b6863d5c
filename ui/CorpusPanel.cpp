#include "CorpusPanel.h"

#include "Error.h"
#include "chart/ChordChart.h"
#include "corpus/Import.h"
#include "corpus/TextCorpus.h"
#include "dataset/Collection.h"
#include "grammar/Encoder.h"

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
#include <QTreeWidget>
#include <QVBoxLayout>

namespace jazz::ui {

namespace {

std::string key(const session::CorpusEntry& e) {
    return e.path + "|" + e.melodyTrack + "|" + e.chordTrack + "|" + e.chords;
}

corpus::ImportOptions options(const session::CorpusEntry& e) {
    corpus::ImportOptions o;
    o.melodyTrack = e.melodyTrack;
    o.chordTrack = e.chordTrack;
    o.windowStart = e.windowStart;
    o.windowEnd = e.windowEnd;
    o.chords = e.chords;
    return o;
}

} // namespace

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
    auto* add = new QPushButton(tr("Add…"), this);
    addFolder_ = new QPushButton(tr("Add folder…"), this);
    addFolder_->setToolTip(tr("Every MIDI file and corpus text in the folder and its "
                              "subfolders; files that cannot be used are listed with the reason"));
    remove_ = new QPushButton(tr("Remove"), this);
    buttons->addWidget(add);
    buttons->addWidget(addFolder_);
    buttons->addWidget(remove_);
    buttons->addStretch();
    layout->addLayout(buttons);
    progress_ = new QProgressBar(this);
    progress_->setFormat(tr("reading %v of %m files"));
    progress_->hide();
    layout->addWidget(progress_);
    connect(add, &QPushButton::clicked, this, &CorpusPanel::browse);
    connect(addFolder_, &QPushButton::clicked, this, &CorpusPanel::browseFolder);
    connect(remove_, &QPushButton::clicked, this, [this] {
        const int row = tree_->indexOfTopLevelItem(tree_->currentItem());
        if (row >= 0)
            document_->removeCorpus(row);
    });
    // Queued: a track picker that changes the corpus must not be deleted inside its own signal.
    connect(document_, &StudioDocument::corpusChanged, this, &CorpusPanel::rebuild,
            Qt::QueuedConnection);
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
                std::string why = ex.what();
                if (why.rfind(e.path + ": ", 0) == 0)
                    why = why.substr(e.path.size() + 2);
                skipped.push_back({e.path, why});
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
                addFolder_->setEnabled(true);
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
            combo->setToolTip(QString::fromStdString(role == 0 ? sheet.melodyReason : sheet.chordReason));
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
    remove_->setEnabled(!entries.empty());
}

} // namespace jazz::ui
