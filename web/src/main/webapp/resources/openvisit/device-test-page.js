// The device test page on its own (no visit): start the test once the page has loaded its scripts.
OpenVisitDeviceTest.attach();
