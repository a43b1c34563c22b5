package org.pplc.docs;
