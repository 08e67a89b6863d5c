// The studio's main window: hosts the panels; it wires nothing itself (app/ does).
#pragma once

#include <QMainWindow>

namespace jazz::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace jazz::ui
