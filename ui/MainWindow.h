// The studio's main window: hosts the panels and the menus, and turns menu intents into
// document operations. Panels do the work; this class only arranges and connects them.
#pragma once

#include <QMainWindow>

#include <memory>

class QUndoStack;
class QLabel;
class QMenu;
class QSplitter;

namespace jazz::playback {
class Transport;
} // namespace jazz::playback

namespace jazz::ui {

class BandPanel;
class ComposePanel;
class CorpusPanel;
class LivePanel;
class PianoRoll;
class ProgressionPanel;
class StudioDocument;
class TakesPanel;
class QualityPanel;
class TrainingController;
class TrainingPanel;
class TransportBar;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    // With a transport service of the caller's (a test's: a recording sink, a fake input and a
    // manual clock).
    explicit MainWindow(std::shared_ptr<playback::Transport> transport, QWidget* parent = nullptr);
    ~MainWindow() override;

    StudioDocument* document() const { return document_; }
    CorpusPanel* corpusPanel() const { return corpus_; }
    TrainingPanel* trainingPanel() const { return training_; }
    TrainingController* trainingController() const { return controller_; }
    ProgressionPanel* progressionPanel() const { return progression_; }
    TakesPanel* takesPanel() const { return takes_; }
    ComposePanel* composePanel() const { return compose_; }
    LivePanel* livePanel() const { return live_; }
    QualityPanel* qualityPanel() const { return quality_; }
    PianoRoll* pianoRoll() const { return roll_; }
    TransportBar* transport() const { return transport_; }
    BandPanel* bandPanel() const { return band_; }
    QUndoStack* undoStack() const { return undo_; }

    // The same path a drop takes: files that cannot be read are reported and not added.
    int addCorpusFiles(const QStringList& paths);
    bool saveSessionTo(const QString& path);
    bool openSession(const QString& path);
    bool exportMidi(const QString& path);
    bool exportLeadSheet(const QString& path); // MusicXML: the take's melody and chord symbols
    void renderWav(const QString& path); // in the background; reports in the status bar
    bool openModel(const QString& path);
    Q_SLOT void showError(const QString& message);
    // Passing news in the status bar; it clears itself after ms (0: until the next message).
    void showStatus(const QString& message, int ms = 8000);
    // View › Reset layout: the default pane sizes and window size; forgets the saved ones.
    void resetLayout();
    // Restores saved splitter states; refuses (keeps the current sizes, returns false) any that
    // would hide a pane or squeeze it below its minimum.
    bool restoreSplitters(const QVariantList& states);
    QList<QSplitter*> splitters() const; // main (left | centre | right), left, right
    QString lastError() const { return lastError_; }

protected:
    void closeEvent(QCloseEvent*) override;
    void dragEnterEvent(QDragEnterEvent*) override;
    void dropEvent(QDropEvent*) override;

private:
    void buildMenus();
    bool maybeSave();
    void updateTitle();
    void saveModelAs();
    void chooseModel(); // a file dialog, then openModel
    void resetSplitters();
    void setTabOrderByColumns(const QList<QWidget*>& panels);
    void rememberSession(const QString& path);
    void rebuildRecent();

    StudioDocument* document_;
    TrainingController* controller_;
    QUndoStack* undo_;
    CorpusPanel* corpus_;
    TrainingPanel* training_;
    ProgressionPanel* progression_;
    TakesPanel* takes_;
    ComposePanel* compose_;
    LivePanel* live_;
    QualityPanel* quality_;
    PianoRoll* roll_;
    TransportBar* transport_;
    BandPanel* band_;
    QMenu* recent_ = nullptr;
    QString lastError_;
    bool quietErrors_ = false;
};

} // namespace jazz::ui
