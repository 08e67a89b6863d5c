#include "MainWindow.h"

#include "BandPanel.h"
#include "ComposePanel.h"
#include "CorpusPanel.h"
#include "Error.h"
#include "LivePanel.h"
#include "PianoRoll.h"
#include "ProgressionPanel.h"
#include "StudioDocument.h"
#include "TakesPanel.h"
#include "QualityPanel.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "TransportBar.h"
#include "generate/Arrangement.h"
#include "playback/Transport.h"
#include "midi/MidiFile.h"
#include "model/ModelFile.h"
#include "notation/MusicXmlWriter.h"
#include "render/Renderer.h"
#include "session/Session.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDataStream>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QThread>
#include <QUndoStack>
#include <QVBoxLayout>

namespace jazz::ui {

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(std::make_shared<playback::Transport>(), parent) {}

MainWindow::MainWindow(std::shared_ptr<playback::Transport> transport, QWidget* parent)
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
    compose_ = new ComposePanel(document_, progression_, roll_, undo_, this);
    transport_ = new TransportBar(document_, roll_, std::move(transport), this);
    live_ = new LivePanel(document_, progression_, roll_, compose_, transport_, undo_, this);
    band_ = new BandPanel(document_, this);
    connect(band_, &BandPanel::showInRollToggled, roll_, &PianoRoll::setShowBand);
    roll_->setShowBand(band_->showInRollBox()->isChecked());

    auto* left = new QSplitter(Qt::Vertical, this);
    left->setObjectName("leftSplitter");
    left->addWidget(corpus_);
    left->addWidget(training_);
    auto* center = new QWidget(this);
    center->setObjectName("centerPane");
    auto* centerLayout = new QVBoxLayout(center);
    auto* header = new QHBoxLayout;
    // Wraps rather than pushing the drag handle out of a narrow pane.
    auto* takeLabel =
        new QLabel(tr("<b>Piano roll</b> — double-click to draw; click, Shift/Ctrl-click "
                      "or drag a box to select; drag or arrows to move; right-click "
                      "for more"),
                   center);
    takeLabel->setWordWrap(true);
    takeLabel->setMinimumWidth(120);
    auto* handle = new MidiDragHandle(roll_, center);
    header->addWidget(takeLabel, 1);
    header->addWidget(handle);
    centerLayout->addLayout(header);
    centerLayout->addWidget(roll_, 1);
    centerLayout->addWidget(transport_);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->setObjectName("rightSplitter");
    right->addWidget(progression_);
    right->addWidget(takes_);
    right->addWidget(compose_);
    right->addWidget(live_);
    right->addWidget(band_);
    right->addWidget(quality_);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->setObjectName("mainSplitter");
    main->addWidget(left);
    main->addWidget(center);
    // The right column scrolls when the window is too short for all three panels (a chart
    // listing its mistakes grows the Chords panel): the window itself never grows for it.
    auto* rightScroll = new QScrollArea(this);
    rightScroll->setObjectName("rightScroll");
    rightScroll->setWidget(right);
    rightScroll->setWidgetResizable(true);
    rightScroll->setFrameShape(QFrame::NoFrame);
    rightScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    rightScroll->setFocusPolicy(Qt::NoFocus);
    rightScroll->setMinimumWidth(right->minimumSizeHint().width() +
                                 style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    main->addWidget(rightScroll);
    main->setStretchFactor(1, 1);
    for (QSplitter* s : {left, right, main})
        s->setChildrenCollapsible(false); // a pane keeps its minimum: dragging never hides one
    setCentralWidget(main);
    statusBar()->setSizeGripEnabled(true);

    for (auto* w : std::initializer_list<QObject*>{corpus_, training_, takes_, compose_, live_,
                                                   quality_, handle})
        connect(w, SIGNAL(errorOccurred(QString)), this, SLOT(showError(QString)));
    // The transport shows its own errors beside Play; the window only records them.
    connect(transport_, &TransportBar::errorOccurred, this,
            [this](const QString& message) { lastError_ = message; });
    connect(live_, &LivePanel::deviceFailed, this,
            [this](const QString& message) { lastError_ = message; });
    connect(document_, &StudioDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document_, &StudioDocument::pathChanged, this, &MainWindow::updateTitle);
    connect(document_, &StudioDocument::currentTakeChanged, undo_, &QUndoStack::clear);
    connect(undo_, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (!clean)
            document_->setModified(true);
    });
    buildMenus();
    setTabOrderByColumns(
        {corpus_, training_, roll_, transport_, progression_, takes_, compose_, live_, quality_});

    QSettings settings;
    if (!restoreGeometry(settings.value("window/geometry").toByteArray()))
        resize(1280, 800);
    restoreState(settings.value("window/state").toByteArray());
    if (!restoreSplitters(settings.value("window/splitters").toList()))
        resetSplitters();
    updateTitle();
    showStatus(tr("Add MIDI solos to the corpus, train, pick chords, generate."), 0);
}

// Tab walks the window as it reads: the left column, the piano roll and transport, then the
// right column (Qt's default follows creation order, which put the roll after the Quality panel).
void MainWindow::setTabOrderByColumns(const QList<QWidget*>& panels) {
    QList<QWidget*> chain;
    for (QWidget* panel : panels) {
        if (panel->focusPolicy() & Qt::TabFocus)
            chain << panel;
        for (QWidget* w = panel->nextInFocusChain(); w != panel && panel->isAncestorOf(w);
             w = w->nextInFocusChain())
            if ((w->focusPolicy() & Qt::TabFocus) && !chain.contains(w))
                chain << w;
        // Children created out of chain order are still the panel's.
        for (QWidget* w : panel->findChildren<QWidget*>())
            if ((w->focusPolicy() & Qt::TabFocus) && !chain.contains(w) && w->window() == this &&
                !w->focusProxy())
                chain << w;
    }
    for (int i = 0; i + 1 < chain.size(); ++i)
        setTabOrder(chain[i], chain[i + 1]);
}

QList<QSplitter*> MainWindow::splitters() const {
    return {findChild<QSplitter*>("mainSplitter"), findChild<QSplitter*>("leftSplitter"),
            findChild<QSplitter*>("rightSplitter")};
}

void MainWindow::resetSplitters() {
    const auto s = splitters();
    s[0]->setSizes({300, 640, 360});
    s[1]->setSizes({300, 400});
    s[2]->setSizes({260, 220, 260});
}

// The pane sizes a QSplitter state holds (its documented layout: marker, version, sizes);
// empty if it is not one.
static QList<int> savedSizes(const QByteArray& state) {
    QDataStream in(state);
    in.setVersion(QDataStream::Qt_5_0);
    qint32 marker = 0, version = 0;
    QList<int> sizes;
    in >> marker >> version >> sizes;
    return in.status() == QDataStream::Ok && marker == 0xff ? sizes : QList<int>{};
}

// A saved state is taken only if every pane stays visible at no less than its minimum (an old
// state, or one from a collapsed splitter, could hide the piano roll for good).
bool MainWindow::restoreSplitters(const QVariantList& states) {
    const auto s = splitters();
    if (states.size() != s.size())
        return false;
    for (int i = 0; i < s.size(); ++i) {
        const QList<int> sizes = savedSizes(states[i].toByteArray());
        if (sizes.size() != s[i]->count())
            return false;
        for (int w = 0; w < s[i]->count(); ++w) {
            const QWidget* pane = s[i]->widget(w);
            const QSize min = pane->minimumSizeHint().expandedTo(pane->minimumSize());
            if (sizes[w] < (s[i]->orientation() == Qt::Horizontal ? min.width() : min.height()))
                return false;
        }
    }
    for (int i = 0; i < s.size(); ++i) {
        s[i]->restoreState(states[i].toByteArray());
        s[i]->setChildrenCollapsible(false); // the state carries the flag: never take it back
    }
    return true;
}

void MainWindow::resetLayout() {
    resetSplitters();
    resize(1280, 800);
    QSettings settings;
    settings.remove("window/splitters");
    settings.remove("window/geometry");
    settings.remove("window/state");
    showStatus(tr("Layout reset."));
}

void MainWindow::showStatus(const QString& message, int ms) {
    statusBar()->showMessage(message, ms);
}

MainWindow::~MainWindow() {
    delete live_; // its trade (on a worker) ends while the transport bar is still there
}

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
        addCorpusFiles(QFileDialog::getOpenFileNames(
            this, tr("Add MIDI solos"), QString(),
            tr("MIDI and MusicXML files (*.mid *.midi *.musicxml *.xml *.mxl)")));
    });
    file->addAction(tr("Open model…"), this, &MainWindow::chooseModel);
    file->addAction(tr("Save model as…"), this, &MainWindow::saveModelAs);
    file->addSeparator();
    file->addAction(tr("&Export take as MIDI…"), QKeySequence(tr("Ctrl+E")), this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export MIDI"), "take.mid",
                                                       tr("MIDI files (*.mid)"));
        if (!f.isEmpty())
            exportMidi(f);
    });
    file->addAction(tr("Export &lead sheet…"), this, [this] {
        const QString f = QFileDialog::getSaveFileName(
            this, tr("Export lead sheet"), "take.musicxml", tr("MusicXML files (*.musicxml)"));
        if (!f.isEmpty())
            exportLeadSheet(f);
    });
    file->addAction(tr("&Render take as WAV…"), QKeySequence(tr("Ctrl+Shift+R")), this, [this] {
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

    // Every main action has a key. Space plays or stops from anywhere but a text field (which
    // takes the space itself, through Qt's shortcut override).
    QMenu* play = menuBar()->addMenu(tr("&Play"));
    QAction* toggle = play->addAction(tr("Play / Stop"), this, [this] {
        // A focused button or list keeps its own Space (pressing it, opening it): keyboard
        // users reach every control; elsewhere Space plays or stops.
        QWidget* focus = QApplication::focusWidget();
        if (auto* b = qobject_cast<QAbstractButton*>(focus); b && b->isEnabled()) {
            b->animateClick();
            return;
        }
        if (auto* c = qobject_cast<QComboBox*>(focus)) {
            c->showPopup();
            return;
        }
        if (live_->isRecording() || live_->isTrading()) { // the live panel owns the transport
            live_->stopRecording();
            live_->stopTrade();
        } else if (transport_->isPlaying()) {
            transport_->stop();
        } else {
            transport_->play();
        }
    });
    toggle->setObjectName("playStopAction");
    toggle->setShortcut(Qt::Key_Space);
    QAction* stop = play->addAction(tr("&Stop"), this, [this] {
        if (live_->isRecording() || live_->isTrading()) {
            live_->stopRecording();
            live_->stopTrade();
        } else {
            transport_->stop();
        }
    });
    stop->setObjectName("stopAction");
    stop->setShortcut(QKeySequence(tr("Ctrl+.")));
    play->addSeparator();
    QAction* generate = play->addAction(tr("&Generate a take"), this, [this] {
        if (takes_->generateButton()->isEnabled())
            takes_->generateButton()->click();
    });
    generate->setObjectName("generateAction");
    generate->setShortcut(QKeySequence(tr("Ctrl+G")));
    // Record and Trade from the keyboard too (the Live panel's buttons; Space or Ctrl+. stops).
    QAction* record = play->addAction(tr("&Record a phrase"), this, [this] {
        if (live_->recordButton()->isEnabled())
            live_->recordButton()->click();
    });
    record->setObjectName("recordAction");
    record->setShortcut(QKeySequence(tr("Ctrl+Alt+R")));
    QAction* trade = play->addAction(tr("Trade &fours"), this, [this] {
        if (live_->tradeButton()->isEnabled())
            live_->tradeButton()->click();
    });
    trade->setObjectName("tradeAction");
    trade->setShortcut(QKeySequence(tr("Ctrl+Alt+F")));
    QAction* train = play->addAction(tr("&Train"), this, [this] {
        if (training_->trainButton()->isEnabled())
            training_->trainButton()->click();
    });
    train->setObjectName("trainAction");
    train->setShortcut(QKeySequence(tr("Ctrl+T")));
    QAction* stopTraining = play->addAction(tr("Stop t&raining"), this, [this] {
        if (training_->stopButton()->isEnabled())
            training_->stopButton()->click();
    });
    stopTraining->setShortcut(QKeySequence(tr("Ctrl+Shift+T")));
    play->addSeparator();
    play->addActions({compose_->regenerateAction(), compose_->regenerateAgainAction(),
                      compose_->lockAction(), compose_->continueAction()});
    transport_->playButton()->setToolTip(tr("Play the take (Space plays or stops)"));
    transport_->stopButton()->setToolTip(
        tr("Stop (%1)").arg(stop->shortcut().toString(QKeySequence::NativeText)));
    takes_->generateButton()->setToolTip(
        tr("Improvise a new take (%1)")
            .arg(generate->shortcut().toString(QKeySequence::NativeText)));
    training_->trainButton()->setToolTip(
        tr("Train on the corpus (%1)").arg(train->shortcut().toString(QKeySequence::NativeText)));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* reset = view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    reset->setObjectName("resetLayoutAction");
    view->addSeparator();
    // Ctrl+= too: on most keyboards "+" needs Shift.
    QAction* zoomIn = view->addAction(tr("Zoom &in"), roll_, &PianoRoll::zoomIn);
    zoomIn->setObjectName("zoomInAction");
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    QAction* zoomOut = view->addAction(tr("Zoom &out"), roll_, &PianoRoll::zoomOut);
    zoomOut->setObjectName("zoomOutAction");
    zoomOut->setShortcuts(QKeySequence::ZoomOut);

    connect(training_, &TrainingPanel::saveModelRequested, this, &MainWindow::saveModelAs);
    connect(training_, &TrainingPanel::openModelRequested, this, &MainWindow::chooseModel);
}

void MainWindow::showError(const QString& message) {
    // Once, where the user is looking: a dialog over the action that failed. The status bar
    // keeps only passing news, which times out.
    lastError_ = message;
    if (!quietErrors_ && QApplication::platformName() != "offscreen")
        QMessageBox::warning(this, tr("Jazz Studio"), message);
}

int MainWindow::addCorpusFiles(const QStringList& paths) {
    int added = 0;
    for (const QString& p : paths) {
        QString error;
        if (QFileInfo(p).isDir()) { // read on a worker thread; it reports when done
            if (!corpus_->addFolder(p))
                showError(tr("Still reading a folder; add %1 when it is done").arg(p));
            continue;
        }
        if (corpus_->addFile(p, &error))
            ++added;
        else
            showError(error);
    }
    if (added)
        showStatus(tr("Added %n file(s) to the corpus.", nullptr, added));
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
    showStatus(tr("Saved %1").arg(path));
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
        showStatus(tr("Saved the model to %1").arg(f));
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
    }
}

void MainWindow::chooseModel() {
    const QString f = QFileDialog::getOpenFileName(this, tr("Open model"), QString(),
                                                   tr("Jazz Studio models (*.jzm)"));
    if (!f.isEmpty())
        openModel(f);
}

bool MainWindow::openModel(const QString& path) {
    try {
        document_->setModel(
            std::make_shared<model::TrainedModel>(model::loadModel(path.toStdString())), path);
        showStatus(tr("Opened the model %1").arg(path));
        return true;
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
        return false;
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
        showStatus(tr("Wrote %1").arg(path));
        return true;
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
}

bool MainWindow::exportLeadSheet(const QString& path) {
    const int t = document_->currentTake();
    if (t < 0) {
        showError(tr("Generate a take first."));
        return false;
    }
    try {
        const session::Take& take = document_->take(t);
        notation::writeMusicXml(take.arrangement, path.toStdString(), take.name);
        showStatus(tr("Wrote %1").arg(path));
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
    showStatus(tr("Rendering %1…").arg(path));
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
                self->showStatus(message);
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
    live_->stopRecording(); // what was played is kept, and offered to save
    live_->finishTradeNow();
    if (!maybeSave()) {
        e->ignore();
        return;
    }
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    QVariantList states;
    for (QSplitter* s : splitters())
        states << s->saveState();
    settings.setValue("window/splitters", states);
    settings.remove("window/splitter"); // the old key: one splitter, possibly collapsed
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
