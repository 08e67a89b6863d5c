// The take's notes as bars on a pitch-by-time grid: keyboard on the left, bar and beat lines,
// numbered bars and chord symbols in a lane above, zoom (at the mouse) and wheel scrolling, a
// playhead. Select (click, Shift/Ctrl+click, rubber band, Ctrl+A), move, nudge with the arrows,
// resize, delete and draw notes; every edit goes on the undo stack. It never opens a device.
// The bar numbers are a BarRuler (select bars there); actions added to the roll (addAction)
// join its context menu.
#pragma once

#include "MidiDragHandle.h"
#include "StudioDocument.h"

#include <QAbstractScrollArea>
#include <QTemporaryDir>

#include <map>
#include <optional>
#include <set>

class QMimeData;
class QRubberBand;
class QMenu;
class QUndoStack;

namespace jazz::ui {

class BarRuler;

class PianoRoll : public QAbstractScrollArea {
    Q_OBJECT
public:
    PianoRoll(StudioDocument* document, QUndoStack* undo, QWidget* parent = nullptr);

    static constexpr int kLowPitch = 36, kHighPitch = 96; // C2..C7
    // The lane above the grid: bar numbers (kRulerHeight) over chord names.
    static constexpr int kKeyboardWidth = 44, kRulerHeight = 14, kChordLane = 36, kRowHeight = 9;
    static constexpr double kSnap = 0.25; // edits and nudges snap to sixteenths

    void setPixelsPerBeat(double ppb);
    // Zoom keeping the beat under viewport x where it is (the mouse, or the view's middle).
    void zoomAt(double factor, double x);
    void zoomIn();
    void zoomOut();
    double pixelsPerBeat() const { return ppb_; }
    void setPlayhead(double beat); // negative: none
    double playhead() const { return playhead_; }
    BarRuler* ruler() const { return ruler_; }
    // The band's parts drawn faintly under the solo.
    void setShowBand(bool on);
    bool showsBand() const { return showBand_; }
    int selectedNote() const { return selected_.empty() ? -1 : *selected_.begin(); }
    const std::set<int>& selectedNotes() const { return selected_; }
    void selectNote(int index); // only this one (-1: none)
    void selectAll();
    void deleteSelected();
    // Moves the selection by beats and semitones as one undoable edit (clamped to the grid).
    void nudgeSelected(double beats, int semitones);
    // Where each chord name is drawn (after eliding to its room), for tests: never overlapping.
    QList<QPair<QRectF, QString>> chordLabels() const;
    QMenu* contextMenu(const QPoint& viewportPos); // built for the point; the caller owns it
    // Where a note is drawn, in viewport coordinates (for tests and tooltips).
    QRectF noteRect(const generate::SoloNote& n) const;
    int noteCount() const;
    // The drag's payload: the take written to a .mid file (a file URL) plus audio/midi bytes.
    QMimeData* makeDragMimeData(QString* error);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void contextMenuEvent(QContextMenuEvent*) override;
    void focusInEvent(QFocusEvent*) override;
    void focusOutEvent(QFocusEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    enum class Drag { None, Move, Resize, Band };
    const session::Take* take() const;
    double beatAt(double x) const;
    int pitchAt(double y) const;
    int noteAt(const QPointF& p, bool* nearRightEdge) const;
    void updateScrollBars();
    bool showBand_ = false;

    StudioDocument* document_;
    QUndoStack* undo_;
    double ppb_ = 40;
    double playhead_ = -1;
    std::set<int> selected_;
    std::set<int> bandBase_; // the selection a Shift/Ctrl rubber band adds to
    Drag drag_ = Drag::None;
    QPointF pressPos_;
    int pressed_ = -1;                          // the note the drag holds
    std::map<int, generate::SoloNote> preview_; // during a drag: the notes as they would be
    QRubberBand* band_ = nullptr;
    BarRuler* ruler_ = nullptr;
    QTemporaryDir dragDir_;
};

} // namespace jazz::ui
