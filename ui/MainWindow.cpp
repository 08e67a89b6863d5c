#include "MainWindow.h"

#include "BandPanel.h"
#include "CorpusPanel.h"
#include "Error.h"
#include "PianoRoll.h"
#include "ProgressionPanel.h"
#include "StudioDocument.h"
#include "TakesPanel.h"
#include "QualityPanel.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "TransportBar.h"
#include "generate/Arrangement.h"
#include "midi/MidiFile.h"
#include "model/ModelFile.h"
#include "render/Renderer.h"
#include "session/Session.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QThread>
#include <QUndoStack>
#include <QVBoxLayout>

namespace jazz::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), document_(new StudioDocument(this)),
      controller_(new TrainingController(this)), undo_(new QUndoStack(this)) {
    setWindowTitle(tr("Jazz Studio"));
    setAcceptDrops(true);

    corpus_ = new CorpusPanel(document_, this);
    training_ = new TrainingPanel(document_, controller_, this);
    progression_ = new ProgressionPanel(document_, this);
    takes_ = new TakesPanel(document_, progression_, this);
    quality_ = new QualityPanel(document_, progression_, this);
    roll_ = new PianoRoll(document_, undo_, this);
    transport_ = new TransportBar(document_, roll_, this);
    band_ = new BandPanel(document_, this);
    connect(band_, &BandPanel::showInRollToggled, roll_, &PianoRoll::setShowBand);
    roll_->setShowBand(band_->showInRollBox()->isChecked());

    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(corpus_);
    left->addWidget(training_);
    auto* center = new QWidget(this);
    auto* centerLayout = new QVBoxLayout(center);
    auto* header = new QHBoxLayout;
    auto* takeLabel = new QLabel(tr("<b>Piano roll</b> — double-click to draw, drag to move, "
                                    "drag the right edge to resize, Delete to remove"),
                                 center);
    auto* handle = new MidiDragHandle(roll_, center);
    header->addWidget(takeLabel, 1);
    header->addWidget(handle);
    centerLayout->addLayout(header);
    centerLayout->addWidget(roll_, 1);
    centerLayout->addWidget(transport_);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(progression_);
    right->addWidget(takes_);
    right->addWidget(band_);
    right->addWidget(quality_);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->setObjectName("mainSplitter");
    main->addWidget(left);
    main->addWidget(center);
    main->addWidget(right);
    main->setStretchFactor(1, 1);
    main->setSizes({340, 700, 300});
    setCentralWidget(main);
    status_ = new QLabel(this);
    statusBar()->addWidget(status_, 1);

    for (auto* w : std::initializer_list<QObject*>{corpus_, training_, takes_, quality_, handle, transport_})
        connect(w, SIGNAL(errorOccurred(QString)), this, SLOT(showError(QString)));
    connect(document_, &StudioDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document_, &StudioDocument::pathChanged, this, &MainWindow::updateTitle);
    connect(document_, &StudioDocument::currentTakeChanged, undo_, &QUndoStack::clear);
    connect(undo_, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (!clean)
            document_->setModified(true);
    });
    buildMenus();

    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    if (!settings.value("window/splitter").isNull())
        main->restoreState(settings.value("window/splitter").toByteArray());
    if (!restoreGeometry(settings.value("window/geometry").toByteArray()))
        resize(1280, 800);
    updateTitle();
    status_->setText(tr("Add MIDI solos to the corpus, train, pick chords, generate."));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New session"), QKeySequence::New, this, [this] {
        if (maybeSave())
            document_->replace(StudioDocument::newSession(), QString());
    });
    file->addAction(tr("&Open session…"), QKeySequence::Open, this, [this] {
        if (!maybeSave())
            return;
        const QString f = QFileDialog::getOpenFileName(this, tr("Open session"), QString(),
                                                       tr("Jazz Studio sessions (*.jazz)"));
        if (!f.isEmpty())
            openSession(f);
    });
    recent_ = file->addMenu(tr("Open &recent"));
    rebuildRecent();
    file->addAction(tr("&Save session"), QKeySequence::Save, this, [this] {
        QString f = document_->path();
        if (f.isEmpty())
            f = QFileDialog::getSaveFileName(this, tr("Save session"), "session.jazz",
                                             tr("Jazz Studio sessions (*.jazz)"));
        if (!f.isEmpty())
            saveSessionTo(f);
    });
    file->addAction(tr("Save session &as…"), QKeySequence::SaveAs, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Save session"), "session.jazz",
                                                       tr("Jazz Studio sessions (*.jazz)"));
        if (!f.isEmpty())
            saveSessionTo(f);
    });
    file->addSeparator();
    file->addAction(tr("Add MIDI to corpus…"), this, [this] {
        addCorpusFiles(QFileDialog::getOpenFileNames(this, tr("Add MIDI solos"), QString(),
                                                     tr("MIDI files (*.mid *.midi)")));
    });
    file->addAction(tr("Open model…"), this, &MainWindow::openModel);
    file->addAction(tr("Save model as…"), this, &MainWindow::saveModelAs);
    file->addSeparator();
    file->addAction(tr("&Export take as MIDI…"), QKeySequence(tr("Ctrl+E")), this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export MIDI"), "take.mid",
                                                       tr("MIDI files (*.mid)"));
        if (!f.isEmpty())
            exportMidi(f);
    });
    file->addAction(tr("&Render take as WAV…"), QKeySequence(tr("Ctrl+R")), this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Render WAV"), "take.wav",
                                                       tr("WAV files (*.wav)"));
        if (!f.isEmpty())
            renderWav(f);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = undo_->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction* redo = undo_->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    connect(training_, &TrainingPanel::saveModelRequested, this, &MainWindow::saveModelAs);
    connect(training_, &TrainingPanel::openModelRequested, this, &MainWindow::openModel);
}

void MainWindow::showError(const QString& message) {
    lastError_ = message;
    status_->setText(message);
    if (!quietErrors_ && QApplication::platformName() != "offscreen")
        QMessageBox::warning(this, tr("Jazz Studio"), message);
}

int MainWindow::addCorpusFiles(const QStringList& paths) {
    int added = 0;
    for (const QString& p : paths) {
        QString error;
        if (corpus_->addFile(p, &error))
            ++added;
        else
            showError(error);
    }
    if (added)
        status_->setText(tr("Added %n file(s) to the corpus.", nullptr, added));
    return added;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    for (const QUrl& u : e->mimeData()->urls())
        if (u.isLocalFile()) {
            e->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent* e) {
    QStringList files;
    for (const QUrl& u : e->mimeData()->urls())
        if (u.isLocalFile())
            files << u.toLocalFile();
    addCorpusFiles(files);
    e->acceptProposedAction();
}

bool MainWindow::saveSessionTo(const QString& path) {
    try {
        session::saveSession(document_->session(), path.toStdString());
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
    document_->setPath(path);
    document_->setModified(false);
    undo_->setClean();
    rememberSession(path);
    status_->setText(tr("Saved %1").arg(path));
    return true;
}

bool MainWindow::openSession(const QString& path) {
    try {
        session::Session s = session::loadSession(path.toStdString());
        std::shared_ptr<const model::TrainedModel> m;
        if (!s.modelPath.empty()) {
            try {
                m = std::make_shared<model::TrainedModel>(model::loadModel(s.modelPath));
            } catch (const Error& e) {
                showError(tr("The session's model could not be loaded: %1").arg(e.what()));
                s.modelPath.clear();
            }
        }
        document_->replace(std::move(s), path);
        if (m)
            document_->setModel(m, QString::fromStdString(document_->session().modelPath));
        document_->setModified(false);
        undo_->clear();
        rememberSession(path);
        return true;
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::saveModelAs() {
    if (!document_->model())
        return showError(tr("There is no model to save yet: train one first."));
    const QString f = QFileDialog::getSaveFileName(this, tr("Save model"), "model.jzm",
                                                   tr("Jazz Studio models (*.jzm)"));
    if (f.isEmpty())
        return;
    try {
        model::saveModel(*document_->model(), f.toStdString());
        document_->setModel(document_->model(), f);
        status_->setText(tr("Saved the model to %1").arg(f));
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
    }
}

void MainWindow::openModel() {
    const QString f = QFileDialog::getOpenFileName(this, tr("Open model"), QString(),
                                                   tr("Jazz Studio models (*.jzm)"));
    if (f.isEmpty())
        return;
    try {
        document_->setModel(std::make_shared<model::TrainedModel>(model::loadModel(f.toStdString())), f);
        status_->setText(tr("Opened the model %1").arg(f));
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
    }
}

bool MainWindow::exportMidi(const QString& path) {
    const int t = document_->currentTake();
    if (t < 0) {
        showError(tr("Generate a take first."));
        return false;
    }
    try {
        midi::write(midi::fromSong(document_->song(t, false)), path.toStdString());
        status_->setText(tr("Wrote %1").arg(path));
        return true;
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::renderWav(const QString& path) {
    const int t = document_->currentTake();
    if (t < 0)
        return showError(tr("Generate a take first."));
    const midi::Song song = document_->song(t, false); // as played, muted parts left out
    render::RenderOptions o;
    o.soundFont = QSettings().value("audio/soundfont").toString().toStdString();
    status_->setText(tr("Rendering %1…").arg(path));
    // Rendering takes seconds: never on the GUI thread.
    QPointer<MainWindow> self(this);
    QThread* worker = QThread::create([song, o, path, self] {
        QString message;
        try {
            render::writeWav(render::renderSong(song, o), path.toStdString());
            message = tr("Wrote %1").arg(path);
        } catch (const Error& e) {
            message = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, message] {
            if (self)
                self->status_->setText(message);
        });
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

bool MainWindow::maybeSave() {
    if (!document_->isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Jazz Studio"), tr("The session has unsaved changes. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard)
        return true;
    QString f = document_->path();
    if (f.isEmpty())
        f = QFileDialog::getSaveFileName(this, tr("Save session"), "session.jazz",
                                         tr("Jazz Studio sessions (*.jazz)"));
    return !f.isEmpty() && saveSessionTo(f);
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (!maybeSave()) {
        e->ignore();
        return;
    }
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    if (auto* s = findChild<QSplitter*>("mainSplitter"))
        settings.setValue("window/splitter", s->saveState());
    controller_->stop(); // the controller's destructor joins the training thread
    transport_->stop();
    e->accept();
}

// The five sessions saved or opened last, newest first (kept in QSettings).
void MainWindow::rememberSession(const QString& path) {
    QSettings settings;
    QStringList files = settings.value("recent/sessions").toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    files.removeAll(abs);
    files.prepend(abs);
    settings.setValue("recent/sessions", QStringList(files.mid(0, 5)));
    rebuildRecent();
}

void MainWindow::rebuildRecent() {
    recent_->clear();
    const QStringList files = QSettings().value("recent/sessions").toStringList();
    for (const QString& f : files)
        recent_->addAction(QFileInfo(f).fileName(), this, [this, f] {
            if (maybeSave())
                openSession(f);
        })->setToolTip(f);
    recent_->setEnabled(!files.isEmpty());
}

void MainWindow::updateTitle() {
    const QString name = document_->path().isEmpty() ? tr("Untitled")
                                                     : QFileInfo(document_->path()).fileName();
    setWindowTitle(tr("%1%2 — Jazz Studio").arg(name, document_->isModified() ? "*" : ""));
}

} // namespace jazz::ui
