"""The Qt desktop interface: main window, one module per page, widgets, background tasks."""
