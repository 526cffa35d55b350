// The JIT compiler first: the component's template is compiled in the browser, so no Angular build
// step is needed. An Angular CLI app compiles ahead of time and leaves this import out.
import '@angular/compiler';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { DashboardComponent } from './dashboard.component.js';

// Signals and template listeners schedule change detection themselves: no zone.js. A failed start
// rejects, and the browser reports the unhandled rejection.
void bootstrapApplication(DashboardComponent, { providers: [provideZonelessChangeDetection()] });
